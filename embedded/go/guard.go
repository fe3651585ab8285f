package main

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"regexp"
	"strings"
	"sync"

	"go.mongodb.org/mongo-driver/bson"
)

// The guard is the app's door to the embedded store. FerretDB has no roles, so the guard plays
// the app's database role in front of it: the same commands MongoDB would refuse to a user whose
// role has only insert and find on the append-only collections are refused here, with MongoDB's
// Unauthorized (code 13). Administrators reach FerretDB directly through its Unix socket, which
// lives in the store's private folder.

type guardPolicy struct {
	appendOnly map[string]bool
	validators *validatorStore
}

type refusal struct {
	code     int32
	codeName string
	message  string
}

func unauthorized(format string, args ...any) *refusal {
	return &refusal{code: 13, codeName: "Unauthorized", message: fmt.Sprintf(format, args...)}
}

// Commands that change or remove existing documents or whole collections.
var rewritingCommands = map[string]bool{
	"update": true, "delete": true, "findandmodify": true, "drop": true,
	"dropindexes": true, "deleteindexes": true, "compact": true,
}

// check returns a refusal, a reply the guard gives itself (validators), or neither: forward.
func (p *guardPolicy) check(command bson.Raw) (*refusal, bson.D) {
	elements, err := command.Elements()
	if err != nil || len(elements) == 0 {
		return &refusal{code: 2, codeName: "BadValue", message: "empty command"}, nil
	}
	name := strings.ToLower(elements[0].Key())
	target, _ := elements[0].Value().StringValueOK()
	dbName, _ := command.Lookup("$db").StringValueOK()

	switch {
	case name == "dropdatabase":
		return unauthorized("not authorized on %s to execute command dropDatabase: the app's role may not drop databases", dbName), nil
	case rewritingCommands[name] && p.appendOnly[target]:
		return unauthorized("not authorized on %s to execute command %s on %s: the collection is append-only (insert and find only)", dbName, elements[0].Key(), target), nil
	case name == "renamecollection":
		to, _ := command.Lookup("to").StringValueOK()
		for _, ns := range []string{target, to} {
			if p.appendOnly[collectionOfNamespace(ns)] {
				return unauthorized("not authorized to rename %s: the collection is append-only", ns), nil
			}
		}
	case name == "aggregate":
		if written := aggregateTarget(command); p.appendOnly[written] {
			return unauthorized("not authorized on %s to write %s from an aggregation: the collection is append-only", dbName, written), nil
		}
	case name == "create" && hasField(command, "validator"):
		return &refusal{code: 2, codeName: "BadValue", message: "the embedded store takes validators through collMod only"}, nil
	case name == "collmod" && hasField(command, "validator"):
		if err := p.validators.apply(dbName, target, command); err != nil {
			var r *refusal
			if errors.As(err, &r) {
				return r, nil
			}
			return &refusal{code: 1, codeName: "InternalError", message: err.Error()}, nil
		}
		return nil, bson.D{{Key: "ok", Value: 1.0}}
	}
	return nil, nil
}

func (r *refusal) Error() string { return r.message }

func hasField(doc bson.Raw, key string) bool {
	_, err := doc.LookupErr(key)
	return err == nil
}

func collectionOfNamespace(ns string) string {
	if _, coll, ok := strings.Cut(ns, "."); ok {
		return coll
	}
	return ns
}

// aggregateTarget names the collection a $out or $merge stage writes to, or "".
func aggregateTarget(command bson.Raw) string {
	pipeline, ok := command.Lookup("pipeline").ArrayOK()
	if !ok {
		return ""
	}
	stages, _ := pipeline.Values()
	for _, stage := range stages {
		doc, ok := stage.DocumentOK()
		if !ok {
			continue
		}
		for _, key := range []string{"$out", "$merge"} {
			value, err := doc.LookupErr(key)
			if err != nil {
				continue
			}
			if s, ok := value.StringValueOK(); ok {
				return s
			}
			if spec, ok := value.DocumentOK(); ok {
				if coll, ok := spec.Lookup("coll").StringValueOK(); ok {
					return coll
				}
				into := spec.Lookup("into")
				if s, ok := into.StringValueOK(); ok {
					return s
				}
				if intoDoc, ok := into.DocumentOK(); ok {
					coll, _ := intoDoc.Lookup("coll").StringValueOK()
					return coll
				}
			}
		}
	}
	return ""
}

// serveGuard accepts app connections and relays each to FerretDB's Unix socket until ctx ends.
func serveGuard(ctx context.Context, listener net.Listener, upstream string, policy *guardPolicy, logger *slog.Logger) {
	go func() {
		<-ctx.Done()
		_ = listener.Close()
	}()
	for {
		client, err := listener.Accept()
		if err != nil {
			return
		}
		go relay(client, upstream, policy, logger)
	}
}

func relay(client net.Conn, upstream string, policy *guardPolicy, logger *slog.Logger) {
	defer client.Close()
	server, err := net.Dial("unix", upstream)
	if err != nil {
		logger.Warn("guard cannot reach the store", slog.String("error", err.Error()))
		return
	}
	defer server.Close()

	var clientWrites sync.Mutex
	go func() {
		// Replies go back whole, so that a refusal written by the guard never interleaves with one.
		defer client.Close()
		for {
			reply, err := readMessage(server)
			if err != nil {
				return
			}
			raw := reply.raw
			if bytes.Contains(raw, validationMarker) {
				raw = rewriteValidationFailure(reply)
			}
			clientWrites.Lock()
			_, err = client.Write(raw)
			clientWrites.Unlock()
			if err != nil {
				return
			}
		}
	}()

	for {
		request, err := readMessage(client)
		if err != nil {
			if !errors.Is(err, io.EOF) {
				logger.Debug("guard closed a connection", slog.String("error", err.Error()))
			}
			return
		}
		command, noReply, err := commandOf(request)
		if err != nil {
			logger.Warn("guard refused a message", slog.String("error", err.Error()))
			return
		}
		if request.opCode == opQuery && !isHandshake(command) {
			logger.Warn("guard refused a legacy OP_QUERY command")
			return
		}
		refused, answer := policy.check(command)
		if refused == nil && answer == nil {
			if _, err := server.Write(request.raw); err != nil {
				return
			}
			continue
		}
		if refused != nil {
			logger.Info("guard refused a command", slog.String("reason", refused.message))
			answer = bson.D{{Key: "ok", Value: 0.0}, {Key: "errmsg", Value: refused.message}, {Key: "code", Value: refused.code}, {Key: "codeName", Value: refused.codeName}}
		}
		if noReply {
			continue
		}
		reply, err := opMsgReply(request.requestID, answer)
		if err != nil {
			return
		}
		clientWrites.Lock()
		_, err = client.Write(reply)
		clientWrites.Unlock()
		if err != nil {
			return
		}
	}
}

func isHandshake(command bson.Raw) bool {
	elements, err := command.Elements()
	if err != nil || len(elements) == 0 {
		return false
	}
	switch strings.ToLower(elements[0].Key()) {
	case "hello", "ismaster":
		return true
	}
	return false
}

var (
	validationMarker = []byte("Document failed validation (")
	// FerretDB ends the SQLite error with its result code, e.g. " (1)".
	sqliteCodeSuffix = regexp.MustCompile(` \(\d+\)$`)
)

// rewriteValidationFailure gives a refusal by a validator trigger MongoDB's shape: code 121
// DocumentValidationFailure and the trigger's message, instead of FerretDB's InternalError with
// its call stack. Any other reply is returned unchanged.
func rewriteValidationFailure(reply message) []byte {
	command, _, err := commandOf(reply)
	if err != nil {
		return reply.raw
	}
	var body bson.D
	if err := bson.Unmarshal(command, &body); err != nil {
		return reply.raw
	}
	changed := rewriteErrorFields(body)
	for i, e := range body {
		if e.Key != "writeErrors" {
			continue
		}
		if list, ok := e.Value.(bson.A); ok {
			for j, item := range list {
				if doc, ok := item.(bson.D); ok && rewriteErrorFields(doc) {
					list[j] = doc
					changed = true
				}
			}
			body[i].Value = list
		}
	}
	if !changed {
		return reply.raw
	}
	out, err := opMsgReply(int32(binary.LittleEndian.Uint32(reply.raw[8:12])), body)
	if err != nil {
		return reply.raw
	}
	return out
}

func rewriteErrorFields(doc bson.D) bool {
	index := -1
	for i, e := range doc {
		if msg, ok := e.Value.(string); ok && e.Key == "errmsg" && strings.Contains(msg, string(validationMarker)) {
			index = i
		}
	}
	if index < 0 {
		return false
	}
	msg := doc[index].Value.(string)
	msg = msg[strings.Index(msg, string(validationMarker)):]
	msg = sqliteCodeSuffix.ReplaceAllString(msg, "")
	doc[index].Value = msg
	for i, e := range doc {
		switch e.Key {
		case "code":
			doc[i].Value = int32(121)
		case "codeName":
			doc[i].Value = "DocumentValidationFailure"
		}
	}
	return true
}
