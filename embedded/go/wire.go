package main

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"sync/atomic"

	"go.mongodb.org/mongo-driver/bson"
)

// MongoDB wire protocol framing, just enough for the guard: read whole messages, find the command
// document of an OP_MSG or a legacy OP_QUERY, and write an OP_MSG reply.

const (
	opQuery = 2004
	opMsg   = 2013

	headerSize = 16
	// MongoDB's maxMessageSizeBytes; anything longer is not a message a driver sends.
	maxMessageSize = 48_000_000

	msgFlagChecksumPresent = 1 << 0
	msgFlagMoreToCome      = 1 << 1
)

type message struct {
	raw       []byte
	requestID int32
	opCode    int32
}

func readMessage(r io.Reader) (message, error) {
	var header [headerSize]byte
	if _, err := io.ReadFull(r, header[:]); err != nil {
		return message{}, err
	}
	length := int32(binary.LittleEndian.Uint32(header[0:4]))
	if length < headerSize || length > maxMessageSize {
		return message{}, fmt.Errorf("message length %d out of range", length)
	}
	raw := make([]byte, length)
	copy(raw, header[:])
	if _, err := io.ReadFull(r, raw[headerSize:]); err != nil {
		return message{}, err
	}
	return message{
		raw:       raw,
		requestID: int32(binary.LittleEndian.Uint32(header[4:8])),
		opCode:    int32(binary.LittleEndian.Uint32(header[12:16])),
	}, nil
}

// commandOf returns the command document of an OP_MSG (its kind-0 section) or of an OP_QUERY,
// and whether the client expects no reply (OP_MSG moreToCome, an unacknowledged write).
func commandOf(m message) (bson.Raw, bool, error) {
	body := m.raw[headerSize:]
	switch m.opCode {
	case opMsg:
		if len(body) < 4 {
			return nil, false, errors.New("OP_MSG without flags")
		}
		flags := binary.LittleEndian.Uint32(body[0:4])
		sections := body[4:]
		if flags&msgFlagChecksumPresent != 0 {
			if len(sections) < 4 {
				return nil, false, errors.New("OP_MSG checksum missing")
			}
			sections = sections[:len(sections)-4]
		}
		for len(sections) > 0 {
			kind := sections[0]
			sections = sections[1:]
			if len(sections) < 4 {
				return nil, false, errors.New("OP_MSG section truncated")
			}
			size := int(binary.LittleEndian.Uint32(sections[0:4]))
			if size < 5 || size > len(sections) {
				return nil, false, errors.New("OP_MSG section size out of range")
			}
			if kind == 0 {
				doc := bson.Raw(sections[:size])
				if err := doc.Validate(); err != nil {
					return nil, false, fmt.Errorf("OP_MSG body: %w", err)
				}
				return doc, flags&msgFlagMoreToCome != 0, nil
			}
			sections = sections[size:]
		}
		return nil, false, errors.New("OP_MSG without a body section")
	case opQuery:
		// flags int32, fullCollectionName cstring, numberToSkip int32, numberToReturn int32, query.
		if len(body) < 4 {
			return nil, false, errors.New("OP_QUERY truncated")
		}
		rest := body[4:]
		end := 0
		for end < len(rest) && rest[end] != 0 {
			end++
		}
		if end+9 > len(rest) {
			return nil, false, errors.New("OP_QUERY truncated")
		}
		rest = rest[end+9:]
		if len(rest) < 4 {
			return nil, false, errors.New("OP_QUERY truncated")
		}
		size := int(binary.LittleEndian.Uint32(rest[0:4]))
		if size < 5 || size > len(rest) {
			return nil, false, errors.New("OP_QUERY query size out of range")
		}
		doc := bson.Raw(rest[:size])
		if err := doc.Validate(); err != nil {
			return nil, false, fmt.Errorf("OP_QUERY query: %w", err)
		}
		return doc, false, nil
	default:
		return nil, false, fmt.Errorf("opcode %d is not allowed", m.opCode)
	}
}

var nextReplyID atomic.Int32

// opMsgReply builds an OP_MSG answering requestID with one body document.
func opMsgReply(requestID int32, doc bson.D) ([]byte, error) {
	body, err := bson.Marshal(doc)
	if err != nil {
		return nil, err
	}
	length := headerSize + 4 + 1 + len(body)
	out := make([]byte, 0, length)
	out = binary.LittleEndian.AppendUint32(out, uint32(length))
	out = binary.LittleEndian.AppendUint32(out, uint32(nextReplyID.Add(1)))
	out = binary.LittleEndian.AppendUint32(out, uint32(requestID))
	out = binary.LittleEndian.AppendUint32(out, opMsg)
	out = binary.LittleEndian.AppendUint32(out, 0)
	out = append(out, 0)
	return append(out, body...), nil
}
