package fakescf

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

type actionSpec struct {
	name           string
	service        string
	version        string
	regionRequired bool
	handle         func(s *Server, c *call) (response, *apiError)
}

// actionsByName is the routing table; it is filled in init because the
// handlers refer back to the server methods that consult it.
var actionsByName map[string]*actionSpec

func init() {
	specs := []*actionSpec{
		{name: "CreateFunction", regionRequired: true, handle: (*Server).createFunction},
		{name: "GetFunction", regionRequired: true, handle: (*Server).getFunction},
		{name: "GetFunctionAddress", regionRequired: true, handle: (*Server).getFunctionAddress},
		{name: "UpdateFunctionCode", regionRequired: true, handle: (*Server).updateFunctionCode},
		{name: "UpdateFunctionConfiguration", regionRequired: true, handle: (*Server).updateFunctionConfiguration},
		{name: "DeleteFunction", regionRequired: true, handle: (*Server).deleteFunction},
		{name: "ListFunctions", regionRequired: true, handle: (*Server).listFunctions},
		{name: "PublishVersion", regionRequired: true, handle: (*Server).publishVersion},
		{name: "ListVersionByFunction", regionRequired: true, handle: (*Server).listVersionByFunction},
		{name: "CreateAlias", regionRequired: true, handle: (*Server).createAlias},
		{name: "UpdateAlias", regionRequired: true, handle: (*Server).updateAlias},
		{name: "GetAlias", regionRequired: true, handle: (*Server).getAlias},
		{name: "DeleteAlias", regionRequired: true, handle: (*Server).deleteAlias},
		{name: "ListAliases", regionRequired: true, handle: (*Server).listAliases},
		{name: "CreateNamespace", handle: (*Server).createNamespace},
		{name: "DeleteNamespace", handle: (*Server).deleteNamespace},
		{name: "UpdateNamespace", handle: (*Server).updateNamespace},
		{name: "ListNamespaces", handle: (*Server).listNamespaces},
		{name: "PublishLayerVersion", handle: (*Server).publishLayerVersion},
		{name: "GetLayerVersion", handle: (*Server).getLayerVersion},
		{name: "ListLayerVersions", handle: (*Server).listLayerVersions},
		{name: "ListLayers", handle: (*Server).listLayers},
		{name: "DeleteLayerVersion", handle: (*Server).deleteLayerVersion},
		{name: "PutReservedConcurrencyConfig", handle: (*Server).putReservedConcurrencyConfig},
		{name: "GetReservedConcurrencyConfig", handle: (*Server).getReservedConcurrencyConfig},
		{name: "DeleteReservedConcurrencyConfig", handle: (*Server).deleteReservedConcurrencyConfig},
		{name: "PutProvisionedConcurrencyConfig", handle: (*Server).putProvisionedConcurrencyConfig},
		{name: "GetProvisionedConcurrencyConfig", handle: (*Server).getProvisionedConcurrencyConfig},
		{name: "DeleteProvisionedConcurrencyConfig", handle: (*Server).deleteProvisionedConcurrencyConfig},
		{name: "CreateTrigger", regionRequired: true, handle: (*Server).createTrigger},
		{name: "UpdateTrigger", regionRequired: true, handle: (*Server).updateTrigger},
		{name: "UpdateTriggerStatus", regionRequired: true, handle: (*Server).updateTriggerStatus},
		{name: "DeleteTrigger", regionRequired: true, handle: (*Server).deleteTrigger},
		{name: "ListTriggers", regionRequired: true, handle: (*Server).listTriggers},
		{name: "Invoke", regionRequired: true, handle: (*Server).invoke},
		{name: "InvokeFunction", regionRequired: true, handle: (*Server).invokeFunction},
		{name: "ModifyResourceTags", service: "tag", version: tagVersion, handle: (*Server).modifyResourceTags},
	}
	actionsByName = make(map[string]*actionSpec, len(specs))
	for _, a := range specs {
		if a.service == "" {
			a.service = "scf"
			a.version = scfVersion
		}
		actionsByName[a.name] = a
	}
}

// decodeBody strictly decodes a request body into v. The checks that
// encoding/json does not make itself (UTF-8 validity, a depth bound far
// below its own, a top-level object, no trailing data) come first.
func decodeBody(body []byte, v any) *apiError {
	if !utf8.Valid(body) {
		return errf("InvalidParameter.Payload", "the request body is not valid UTF-8")
	}
	trimmed := bytes.TrimLeft(body, " \t\r\n")
	if len(trimmed) == 0 || trimmed[0] != '{' {
		return errf("InvalidParameter.Payload", "the request body must be a JSON object")
	}
	if jsonDepthExceeds(body, maxJSONDepth) {
		return errf("InvalidParameter.Payload", "the request body nests deeper than %d levels", maxJSONDepth)
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return decodeError(err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return errf("InvalidParameter.Payload", "the request body has data after the JSON object")
	}
	return nil
}

func decodeError(err error) *apiError {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return errf("InvalidParameter.Payload", "the request body is not valid JSON (error at byte %d)", syn.Offset)
	case errors.As(err, &typ):
		// The offending value is deliberately not quoted: it may be a secret
		// such as an environment variable value.
		field := typ.Field
		if field == "" {
			field = "the request body"
		}
		return errf("InvalidParameter.Payload", "parameter %s has the wrong type: expected %s, got JSON %s",
			truncate(field, 100), typ.Type.Kind(), jsonKind(typ.Value))
	}
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "json: unknown field "); ok {
		if unq, uerr := strconv.Unquote(name); uerr == nil {
			name = unq
		}
		return errf("UnknownParameter", "unknown parameter %q", truncate(name, 100))
	}
	return errf("InvalidParameter.Payload", "the request body is not valid JSON")
}

// jsonKind reduces UnmarshalTypeError.Value ("number 1e999", "string", ...)
// to the kind, dropping the literal.
func jsonKind(v string) string {
	kind, _, _ := strings.Cut(v, " ")
	return kind
}

// jsonDepthExceeds reports whether objects and arrays nest deeper than limit,
// scanning bytes so that hostile input costs linear time and no allocation.
func jsonDepthExceeds(b []byte, limit int) bool {
	depth := 0
	inString, escaped := false, false
	for _, ch := range b {
		if inString {
			switch {
			case escaped:
				escaped = false
			case ch == '\\':
				escaped = true
			case ch == '"':
				inString = false
			}
			continue
		}
		switch ch {
		case '"':
			inString = true
		case '{', '[':
			depth++
			if depth > limit {
				return true
			}
		case '}', ']':
			depth--
		}
	}
	return false
}
