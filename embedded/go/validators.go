package main

import (
	"database/sql"
	"fmt"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"go.mongodb.org/mongo-driver/bson"
	_ "modernc.org/sqlite" // database/sql driver, the one FerretDB itself uses
)

// FerretDB v1 accepts no collection validators. The guard implements the part of MongoDB's
// `collMod {validator: {$jsonSchema}}` the monitor uses (required, bsonType, enum, minLength,
// maxLength, minimum, maximum, nested properties) as SQLite triggers on the collection's table,
// so a bad document is refused by the store whichever client writes it, and the check runs on
// the document as stored after an update, as MongoDB's does. Any other keyword is refused rather
// than silently ignored.

type validatorStore struct {
	dataDir string
}

var (
	databaseName = regexp.MustCompile(`^[a-zA-Z0-9_-]{1,63}$`)
	// Names that need no escaping inside an SQLite JSON path.
	propertyName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
)

func badValue(format string, args ...any) *refusal {
	return &refusal{code: 2, codeName: "BadValue", message: fmt.Sprintf(format, args...)}
}

func (v *validatorStore) apply(dbName, collection string, command bson.Raw) error {
	if !databaseName.MatchString(dbName) {
		return badValue("invalid database name %q", dbName)
	}
	if level, ok := command.Lookup("validationLevel").StringValueOK(); ok && level != "strict" {
		return badValue("the embedded store supports validationLevel strict only, not %q", level)
	}
	if action, ok := command.Lookup("validationAction").StringValueOK(); ok && action != "error" {
		return badValue("the embedded store supports validationAction error only, not %q", action)
	}
	validator, ok := command.Lookup("validator").DocumentOK()
	if !ok {
		return badValue("validator must be a document")
	}
	keys, _ := validator.Elements()
	if len(keys) != 1 || keys[0].Key() != "$jsonSchema" {
		return badValue("the embedded store supports a validator made of $jsonSchema only")
	}
	schema, ok := keys[0].Value().DocumentOK()
	if !ok {
		return badValue("$jsonSchema must be a document")
	}
	var checks []check
	if err := compileSchema(schema, nil, &checks); err != nil {
		return err
	}

	db, err := sql.Open("sqlite", "file:"+filepath.Join(v.dataDir, dbName+".sqlite")+"?mode=rw&_pragma=busy_timeout(10000)")
	if err != nil {
		return err
	}
	defer db.Close()
	var table string
	err = db.QueryRow(`SELECT table_name FROM _ferretdb_collections WHERE name = ?`, collection).Scan(&table)
	if err != nil {
		return &refusal{code: 26, codeName: "NamespaceNotFound", message: fmt.Sprintf("collection %s.%s does not exist", dbName, collection)}
	}

	body := triggerBody(collection, checks)
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback() //nolint:errcheck // a no-op after Commit
	for _, event := range []string{"INSERT", "UPDATE"} {
		name := quoteIdent("monitor_validate_" + strings.ToLower(event) + "_" + table)
		if _, err := tx.Exec("DROP TRIGGER IF EXISTS " + name); err != nil {
			return err
		}
		if len(checks) == 0 {
			continue
		}
		if _, err := tx.Exec(fmt.Sprintf("CREATE TRIGGER %s BEFORE %s ON %s BEGIN %s END", name, event, quoteIdent(table), body)); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// A check is a SQL condition over NEW._ferretdb_sjson that holds when the document is invalid.
type check struct {
	invalidWhen string
	reason      string
}

func triggerBody(collection string, checks []check) string {
	var b strings.Builder
	for _, c := range checks {
		fmt.Fprintf(&b, "SELECT RAISE(ABORT, %s) WHERE %s; ", quoteLiteral("Document failed validation ("+collection+"): "+c.reason), c.invalidWhen)
	}
	return b.String()
}

var supportedKeywords = map[string]bool{
	"bsonType": true, "required": true, "properties": true, "enum": true, "minLength": true,
	"maxLength": true, "minimum": true, "maximum": true, "title": true, "description": true,
}

// sjson keeps each value in the document and its BSON type in the `$s` schema beside it.
func valuePath(path []string) string {
	var b strings.Builder
	b.WriteString("$")
	for _, segment := range path {
		b.WriteString("." + quoteJSONKey(segment))
	}
	return b.String()
}

func typePath(path []string) string {
	var b strings.Builder
	b.WriteString("$")
	for _, segment := range path {
		b.WriteString(`."$s"."p".` + quoteJSONKey(segment))
	}
	b.WriteString(`."t"`)
	return b.String()
}

func compileSchema(schema bson.Raw, path []string, checks *[]check) error {
	elements, err := schema.Elements()
	if err != nil {
		return badValue("$jsonSchema at %s: %v", displayPath(path), err)
	}
	names := make([]string, 0, len(elements))
	for _, e := range elements {
		if !supportedKeywords[e.Key()] {
			names = append(names, e.Key())
		}
	}
	if len(names) > 0 {
		sort.Strings(names)
		return badValue("$jsonSchema at %s: the embedded store does not enforce %s", displayPath(path), strings.Join(names, ", "))
	}

	value := "json_extract(NEW._ferretdb_sjson, " + quoteLiteral(valuePath(path)) + ")"
	bsonType := "json_extract(NEW._ferretdb_sjson, " + quoteLiteral(typePath(path)) + ")"
	present := "json_type(NEW._ferretdb_sjson, " + quoteLiteral(valuePath(path)) + ") IS NOT NULL"
	if len(path) == 0 {
		present = "1"
	}
	where := displayPath(path)

	if raw, err := schema.LookupErr("bsonType"); err == nil && len(path) > 0 {
		types, err := stringList(raw)
		if err != nil {
			return badValue("$jsonSchema at %s: bsonType %v", where, err)
		}
		allowed := expandTypes(types)
		*checks = append(*checks, check{
			invalidWhen: present + " AND " + bsonType + " NOT IN (" + literalList(allowed) + ")",
			reason:      where + " must be of type " + strings.Join(types, " or "),
		})
	}
	if raw, err := schema.LookupErr("enum"); err == nil {
		values, ok := raw.ArrayOK()
		if !ok {
			return badValue("$jsonSchema at %s: enum must be an array", where)
		}
		items, _ := values.Values()
		var alternatives, shown []string
		for _, item := range items {
			switch item.Type {
			case bson.TypeString:
				s := item.StringValue()
				alternatives = append(alternatives, "("+bsonType+" = 'string' AND "+value+" = "+quoteLiteral(s)+")")
				shown = append(shown, s)
			case bson.TypeNull:
				alternatives = append(alternatives, "("+bsonType+" = 'null')")
				shown = append(shown, "null")
			case bson.TypeInt32, bson.TypeInt64, bson.TypeDouble:
				n := numberLiteral(item)
				alternatives = append(alternatives, "("+bsonType+" IN ('int', 'long', 'double') AND "+value+" = "+n+")")
				shown = append(shown, n)
			default:
				return badValue("$jsonSchema at %s: the embedded store compares enum strings, numbers and null only", where)
			}
		}
		if len(alternatives) == 0 {
			return badValue("$jsonSchema at %s: enum must not be empty", where)
		}
		*checks = append(*checks, check{
			invalidWhen: present + " AND NOT (" + strings.Join(alternatives, " OR ") + ")",
			reason:      where + " must be one of " + strings.Join(shown, ", "),
		})
	}
	for _, bound := range []struct{ keyword, op, text string }{{"minLength", "<", "at least"}, {"maxLength", ">", "at most"}} {
		if raw, err := schema.LookupErr(bound.keyword); err == nil {
			n, ok := raw.AsInt64OK()
			if !ok || n < 0 {
				return badValue("$jsonSchema at %s: %s must be a non-negative integer", where, bound.keyword)
			}
			*checks = append(*checks, check{
				invalidWhen: bsonType + " = 'string' AND length(" + value + ") " + bound.op + " " + strconv.FormatInt(n, 10),
				reason:      fmt.Sprintf("%s must be %s %d characters long", where, bound.text, n),
			})
		}
	}
	for _, bound := range []struct{ keyword, op, text string }{{"minimum", "<", "at least"}, {"maximum", ">", "at most"}} {
		if raw, err := schema.LookupErr(bound.keyword); err == nil {
			if raw.Type != bson.TypeInt32 && raw.Type != bson.TypeInt64 && raw.Type != bson.TypeDouble {
				return badValue("$jsonSchema at %s: %s must be a number", where, bound.keyword)
			}
			n := numberLiteral(raw)
			*checks = append(*checks, check{
				invalidWhen: bsonType + " IN ('int', 'long', 'double') AND " + value + " " + bound.op + " " + n,
				reason:      fmt.Sprintf("%s must be %s %s", where, bound.text, n),
			})
		}
	}
	if raw, err := schema.LookupErr("required"); err == nil {
		fields, err := stringList(raw)
		if err != nil {
			return badValue("$jsonSchema at %s: required %v", where, err)
		}
		for _, field := range fields {
			if !propertyName.MatchString(field) {
				return badValue("$jsonSchema at %s: property name %q is not supported by the embedded store", where, field)
			}
			child := append(append([]string{}, path...), field)
			*checks = append(*checks, check{
				invalidWhen: present + " AND json_type(NEW._ferretdb_sjson, " + quoteLiteral(valuePath(child)) + ") IS NULL",
				reason:      displayPath(child) + " is required",
			})
		}
	}
	if raw, err := schema.LookupErr("properties"); err == nil {
		properties, ok := raw.DocumentOK()
		if !ok {
			return badValue("$jsonSchema at %s: properties must be a document", where)
		}
		elements, _ := properties.Elements()
		for _, e := range elements {
			if !propertyName.MatchString(e.Key()) {
				return badValue("$jsonSchema at %s: property name %q is not supported by the embedded store", where, e.Key())
			}
			sub, ok := e.Value().DocumentOK()
			if !ok {
				return badValue("$jsonSchema at %s: property %s must be a document", where, e.Key())
			}
			if err := compileSchema(sub, append(append([]string{}, path...), e.Key()), checks); err != nil {
				return err
			}
		}
	}
	return nil
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

// expandTypes maps $jsonSchema's alias "number" onto the BSON numeric types sjson records.
func expandTypes(types []string) []string {
	var out []string
	for _, t := range types {
		if t == "number" {
			out = append(out, "int", "long", "double", "decimal")
			continue
		}
		out = append(out, t)
	}
	return out
}

func numberLiteral(v bson.RawValue) string {
	switch v.Type {
	case bson.TypeInt32:
		return strconv.FormatInt(int64(v.Int32()), 10)
	case bson.TypeInt64:
		return strconv.FormatInt(v.Int64(), 10)
	default:
		return strconv.FormatFloat(v.Double(), 'g', -1, 64)
	}
}

func displayPath(path []string) string {
	if len(path) == 0 {
		return "the document"
	}
	return strings.Join(path, ".")
}

func literalList(values []string) string {
	quoted := make([]string, len(values))
	for i, v := range values {
		quoted[i] = quoteLiteral(v)
	}
	return strings.Join(quoted, ", ")
}

func quoteLiteral(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// quoteJSONKey quotes one key of an SQLite JSON path (keys are checked against propertyName).
func quoteJSONKey(s string) string { return `"` + s + `"` }
