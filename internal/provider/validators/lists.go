// Package validators holds the plan-time rules for scf_function attributes.
// The rules mirror what CreateFunction enforces so that mistakes surface in
// `terraform validate` and `plan` rather than half-way through an apply.
// Pure Check* functions carry the rules; thin framework validators wrap them.
package validators

// Runtimes lists every runtime the API documents, in the API's order; both the
// old spellings (PHP5, Golang1) and the newer ones (Php5.6, Go1) are accepted.
var Runtimes = []string{
	"Python2.7", "Python3.6", "Python3.7", "Python3.9", "Python3.10",
	"Nodejs6.10", "Nodejs8.9", "Nodejs10.15", "Nodejs12.16", "Nodejs14.18", "Nodejs16.13", "Nodejs18.15",
	"PHP5", "PHP7", "Php5.6", "Php7", "Php7.4", "Php8.0",
	"Golang1", "Go1", "Java8", "CustomRuntime",
}

// FunctionTypes lists the function types: Event functions run on triggers,
// HTTP functions are web functions.
var FunctionTypes = []string{"Event", "HTTP"}

// CodeSources lists the values of CodeSource accepted by CreateFunction.
var CodeSources = []string{"ZipFile", "Cos", "Demo", "TempCos", "Git"}

// DefaultRuntime is what the API uses when Runtime is omitted, and so what
// handler validation assumes when the runtime attribute is null.
const DefaultRuntime = "Python2.7"
