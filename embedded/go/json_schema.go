package main

import (
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"go.mongodb.org/mongo-driver/bson"
)

// The part of MongoDB's $jsonSchema the monitor uses, compiled from BSON into a rule tree that
// checks documents in FerretDB's storage format (sjson: the values as JSON, their BSON types in a
// `$s` schema beside them). Keywords outside this part are refused, never ignored.

type schemaRule struct {
	// BSON type names the value may have (the alias "number" expanded), and as written.
	Types     []string      `json:"types,omitempty"`
	TypeNames []string      `json:"typeNames,omitempty"`
	Enum      []any         `json:"enum,omitempty"`
	MinLength *int64        `json:"minLength,omitempty"`
	MaxLength *int64        `json:"maxLength,omitempty"`
	Minimum   *float64      `json:"minimum,omitempty"`
	Maximum   *float64      `json:"maximum,omitempty"`
	Required  []string      `json:"required,omitempty"`
	Props     []namedSchema `json:"properties,omitempty"`
}

type namedSchema struct {
	Name string      `json:"name"`
	Rule *schemaRule `json:"rule"`
}

var (
	supportedKeywords = map[string]bool{
		"bsonType": true, "required": true, "properties": true, "enum": true, "minLength": true,
		"maxLength": true, "minimum": true, "maximum": true, "title": true, "description": true,
	}
	numericTypes = []string{"int", "long", "double", "decimal"}
	// Plain field names only: no dots, no `$`, nothing sjson would treat specially.
	propertyName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
)

func compileSchema(schema bson.Raw, path []string) (*schemaRule, error) {
	where := displayPath(path)
	elements, err := schema.Elements()
	if err != nil {
		return nil, badValue("$jsonSchema at %s: %v", where, err)
	}
	var unsupported []string
	for _, e := range elements {
		if !supportedKeywords[e.Key()] {
			unsupported = append(unsupported, e.Key())
		}
	}
	if len(unsupported) > 0 {
		sort.Strings(unsupported)
		return nil, badValue("$jsonSchema at %s: the embedded store does not enforce %s", where, strings.Join(unsupported, ", "))
	}

	rule := &schemaRule{}
	if raw, err := schema.LookupErr("bsonType"); err == nil {
		names, err := stringList(raw)
		if err != nil {
			return nil, badValue("$jsonSchema at %s: bsonType %v", where, err)
		}
		rule.TypeNames = names
		for _, name := range names {
			if name == "number" {
				rule.Types = append(rule.Types, "int", "long", "double", "decimal")
				continue
			}
			rule.Types = append(rule.Types, name)
		}
	}
	if raw, err := schema.LookupErr("enum"); err == nil {
		values, ok := raw.ArrayOK()
		if !ok {
			return nil, badValue("$jsonSchema at %s: enum must be an array", where)
		}
		items, _ := values.Values()
		for _, item := range items {
			switch item.Type {
			case bson.TypeString:
				rule.Enum = append(rule.Enum, item.StringValue())
			case bson.TypeNull:
				rule.Enum = append(rule.Enum, nil)
			case bson.TypeInt32, bson.TypeInt64, bson.TypeDouble:
				n, _ := asFloat(item)
				rule.Enum = append(rule.Enum, n)
			default:
				return nil, badValue("$jsonSchema at %s: the embedded store compares enum strings, numbers and null only", where)
			}
		}
		if len(rule.Enum) == 0 {
			return nil, badValue("$jsonSchema at %s: enum must not be empty", where)
		}
	}
	for keyword, target := range map[string]**int64{"minLength": &rule.MinLength, "maxLength": &rule.MaxLength} {
		if raw, err := schema.LookupErr(keyword); err == nil {
			n, ok := raw.AsInt64OK()
			if !ok || n < 0 {
				return nil, badValue("$jsonSchema at %s: %s must be a non-negative integer", where, keyword)
			}
			*target = &n
		}
	}
	for keyword, target := range map[string]**float64{"minimum": &rule.Minimum, "maximum": &rule.Maximum} {
		if raw, err := schema.LookupErr(keyword); err == nil {
			n, ok := asFloat(raw)
			if !ok {
				return nil, badValue("$jsonSchema at %s: %s must be a number", where, keyword)
			}
			*target = &n
		}
	}
	if raw, err := schema.LookupErr("required"); err == nil {
		fields, err := stringList(raw)
		if err != nil {
			return nil, badValue("$jsonSchema at %s: required %v", where, err)
		}
		for _, field := range fields {
			if err := checkPropertyName(where, field); err != nil {
				return nil, err
			}
		}
		rule.Required = fields
	}
	if raw, err := schema.LookupErr("properties"); err == nil {
		properties, ok := raw.DocumentOK()
		if !ok {
			return nil, badValue("$jsonSchema at %s: properties must be a document", where)
		}
		elements, _ := properties.Elements()
		for _, e := range elements {
			if err := checkPropertyName(where, e.Key()); err != nil {
				return nil, err
			}
			sub, ok := e.Value().DocumentOK()
			if !ok {
				return nil, badValue("$jsonSchema at %s: property %s must be a document", where, e.Key())
			}
			child, err := compileSchema(sub, append(append([]string{}, path...), e.Key()))
			if err != nil {
				return nil, err
			}
			rule.Props = append(rule.Props, namedSchema{Name: e.Key(), Rule: child})
		}
	}
	return rule, nil
}

// checkPropertyName refuses a field name the sjson paths could not hold as written.
func checkPropertyName(where, name string) error {
	if !propertyName.MatchString(name) {
		return badValue("$jsonSchema at %s: property name %q is not supported by the embedded store", where, name)
	}
	return nil
}

// check returns why a value (with its sjson type and, for documents, its sjson schema) breaks
// the rule, or "" when it does not.
func (r *schemaRule) check(value any, bsonType string, typeSchema map[string]any, path []string) string {
	where := displayPath(path)
	if len(r.Types) > 0 && !contains(r.Types, bsonType) {
		return where + " must be of type " + strings.Join(r.TypeNames, " or ")
	}
	if len(r.Enum) > 0 && !inEnum(r.Enum, value, bsonType) {
		shown := make([]string, len(r.Enum))
		for i, v := range r.Enum {
			shown[i] = fmt.Sprint(v)
			if v == nil {
				shown[i] = "null"
			}
		}
		return where + " must be one of " + strings.Join(shown, ", ")
	}
	if s, ok := value.(string); ok && bsonType == "string" {
		length := int64(utf8.RuneCountInString(s))
		if r.MinLength != nil && length < *r.MinLength {
			return fmt.Sprintf("%s must be at least %d characters long", where, *r.MinLength)
		}
		if r.MaxLength != nil && length > *r.MaxLength {
			return fmt.Sprintf("%s must be at most %d characters long", where, *r.MaxLength)
		}
	}
	if n, ok := value.(json.Number); ok && contains(numericTypes, bsonType) {
		f, _ := n.Float64()
		if r.Minimum != nil && f < *r.Minimum {
			return fmt.Sprintf("%s must be at least %v", where, *r.Minimum)
		}
		if r.Maximum != nil && f > *r.Maximum {
			return fmt.Sprintf("%s must be at most %v", where, *r.Maximum)
		}
	}
	object, isObject := value.(map[string]any)
	if !isObject {
		return ""
	}
	properties, _ := typeSchema["p"].(map[string]any)
	for _, p := range r.Props {
		child, present := object[p.Name]
		if !present {
			continue
		}
		childType, _ := properties[p.Name].(map[string]any)
		t, _ := childType["t"].(string)
		childSchema, _ := childType["$s"].(map[string]any)
		if reason := p.Rule.check(child, t, childSchema, append(path, p.Name)); reason != "" {
			return reason
		}
	}
	for _, field := range r.Required {
		if _, present := object[field]; !present {
			return displayPath(append(path, field)) + " is required"
		}
	}
	return ""
}

// validateSJSON checks one stored document against a compiled rule.
func validateSJSON(rule *schemaRule, document string) (string, error) {
	decoder := json.NewDecoder(strings.NewReader(document))
	decoder.UseNumber()
	var doc map[string]any
	if err := decoder.Decode(&doc); err != nil {
		return "", err
	}
	schema, _ := doc["$s"].(map[string]any)
	delete(doc, "$s")
	return rule.check(doc, "object", schema, nil), nil
}

func inEnum(values []any, value any, bsonType string) bool {
	for _, allowed := range values {
		switch a := allowed.(type) {
		case nil:
			if bsonType == "null" {
				return true
			}
		case string:
			if s, ok := value.(string); ok && bsonType == "string" && s == a {
				return true
			}
		case float64:
			if n, ok := value.(json.Number); ok && contains(numericTypes, bsonType) {
				if f, err := n.Float64(); err == nil && f == a {
					return true
				}
			}
		}
	}
	return false
}

func contains(list []string, s string) bool {
	for _, item := range list {
		if item == s {
			return true
		}
	}
	return false
}

func stringList(raw bson.RawValue) ([]string, error) {
	if s, ok := raw.StringValueOK(); ok {
		return []string{s}, nil
	}
	array, ok := raw.ArrayOK()
	if !ok {
		return nil, fmt.Errorf("must be a string or an array of strings")
	}
	items, _ := array.Values()
	out := make([]string, 0, len(items))
	for _, item := range items {
		s, ok := item.StringValueOK()
		if !ok {
			return nil, fmt.Errorf("must hold strings only")
		}
		out = append(out, s)
	}
	return out, nil
}

func displayPath(path []string) string {
	if len(path) == 0 {
		return "the document"
	}
	return strings.Join(path, ".")
}

func asFloat(v bson.RawValue) (float64, bool) {
	switch v.Type {
	case bson.TypeInt32:
		return float64(v.Int32()), true
	case bson.TypeInt64:
		return float64(v.Int64()), true
	case bson.TypeDouble:
		return v.Double(), true
	}
	return 0, false
}
