package main

import (
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"sync"

	"go.mongodb.org/mongo-driver/bson"
	"modernc.org/sqlite" // database/sql driver, the one FerretDB itself uses
)

// FerretDB v1 accepts no collection validators. The guard answers MongoDB's
// `collMod {validator: {$jsonSchema}}` itself: it compiles the schema (json_schema.go) and puts
// BEFORE INSERT and BEFORE UPDATE triggers on the collection's table that call
// monitor_validate(rule, document), a SQL function of this process, so a bad document is refused
// by the store whichever client writes it, and checked as stored after an update, as MongoDB's
// validator does. The rule travels inside the trigger, so it survives restarts with the file.

const validateFunction = "monitor_validate"

type validatorStore struct {
	dataDir string
}

var databaseName = regexp.MustCompile(`^[a-zA-Z0-9_-]{1,63}$`)

// Registered before FerretDB opens any database: SQLite functions reach new connections only.
func init() {
	sqlite.MustRegisterDeterministicScalarFunction(validateFunction, 3, validateStoredDocument)
}

var compiledRules sync.Map // rule JSON → *schemaRule

// validateStoredDocument is monitor_validate(collection, rule JSON, document): NULL when the
// document passes, an SQL error naming the broken rule when it does not.
func validateStoredDocument(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
	collection, _ := args[0].(string)
	ruleJSON, _ := args[1].(string)
	document, ok := args[2].(string)
	if !ok {
		return nil, errors.New("monitor_validate: the document is not text")
	}
	cached, found := compiledRules.Load(ruleJSON)
	if !found {
		rule := &schemaRule{}
		if err := json.Unmarshal([]byte(ruleJSON), rule); err != nil {
			return nil, fmt.Errorf("monitor_validate: unreadable rule: %w", err)
		}
		cached, _ = compiledRules.LoadOrStore(ruleJSON, rule)
	}
	reason, err := validateSJSON(cached.(*schemaRule), document)
	if err != nil {
		return nil, fmt.Errorf("monitor_validate: unreadable document: %w", err)
	}
	if reason != "" {
		return nil, fmt.Errorf("%s%s): %s", validationMarker, collection, reason)
	}
	return nil, nil
}

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
	rule, err := compileSchema(schema, nil)
	if err != nil {
		return err
	}
	ruleJSON, err := json.Marshal(rule)
	if err != nil {
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
		statement := fmt.Sprintf("CREATE TRIGGER %s BEFORE %s ON %s BEGIN SELECT %s(%s, %s, NEW._ferretdb_sjson); END",
			name, event, quoteIdent(table), validateFunction, quoteLiteral(collection), quoteLiteral(string(ruleJSON)))
		if _, err := tx.Exec(statement); err != nil {
			return err
		}
	}
	return tx.Commit()
}

func quoteLiteral(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }
