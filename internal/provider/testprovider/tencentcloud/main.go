// Command tencentcloud is a stand-in for the official provider
// (tencentcloudstack/tencentcloud) in tests of `moved` blocks that take a
// function over from its tencentcloud_scf_function. Terraform refuses a plan
// whose state names a provider that is not installed, even when every
// instance moves to another provider, and asks it for its schema; it never
// asks it to manage anything. So this provider serves that resource's
// schema, recorded from the real provider in scf_function.schema.json, and
// answers every operation on it with an error.
package main

import (
	"context"
	_ "embed"
	"log"

	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
)

//go:embed scf_function.schema.json
var recordedSchema []byte

func main() {
	resourceSchema, err := parseRecordedSchema(recordedSchema)
	if err != nil {
		log.Fatal(err)
	}
	err = providerserver.Serve(context.Background(), func() provider.Provider { return &standIn{schema: resourceSchema} },
		providerserver.ServeOpts{Address: "registry.terraform.io/tencentcloudstack/tencentcloud", ProtocolVersion: 5})
	if err != nil {
		log.Fatal(err)
	}
}
