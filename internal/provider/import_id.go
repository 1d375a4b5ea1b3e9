package provider

import (
	"fmt"
	"strings"

	"github.com/scfprovider/terraform-provider-scf/internal/provider/validators"
	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

// importIDFormats is quoted in every import error so users see all forms.
const importIDFormats = "`<namespace>/<name>`, `<namespace>+<name>` (the official tencentcloud provider's form) or " +
	"a bare `<name>` in the `default` namespace"

// functionID is the resource ID stored in state.
func functionID(namespace, name string) string {
	return namespace + "/" + name
}

// parseFunctionID accepts the three import ID forms and checks both parts
// against the API's naming rules, so a typo fails at import instead of
// reading as "not found".
func parseFunctionID(id string) (namespace, name string, err error) {
	namespace, name = scfapi.DefaultNamespace, id
	for _, sep := range []string{"/", "+"} {
		if ns, n, found := strings.Cut(id, sep); found {
			namespace, name = ns, n
			break
		}
	}
	if err := validators.CheckNamespace(namespace); err != nil {
		return "", "", fmt.Errorf("import ID %q: namespace: %w; expected %s", id, err, importIDFormats)
	}
	if err := validators.CheckFunctionName(name); err != nil {
		return "", "", fmt.Errorf("import ID %q: function name: %w; expected %s", id, err, importIDFormats)
	}
	return namespace, name, nil
}
