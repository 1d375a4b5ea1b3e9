// Command tencentcloud is a stand-in for the official provider
// (tencentcloudstack/tencentcloud) in tests of `moved` blocks that take
// objects over from its SCF resources. Terraform refuses a plan whose state
// names a provider that is not installed, even when every instance moves to
// another provider, and asks it for its schemas; it never asks it to manage
// anything. So this provider serves the schemas of the eight resources of a
// tencentcloud estate (tencentcloud_scf_namespace, _layer, _function,
// _function_version, _function_alias, _trigger,
// _reserved_concurrency_config and _provisioned_concurrency_config), cut
// unchanged from the real provider's `terraform providers schema -json` into
// scf_estate.schema.json, and answers every operation on them with an error.
package main

import (
	"context"
	_ "embed"
	"log"

	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
)

//go:embed scf_estate.schema.json
var recordedSchema []byte

func main() {
	schemas, err := parseRecordedSchema(recordedSchema)
	if err != nil {
		log.Fatal(err)
	}
	err = providerserver.Serve(context.Background(), func() provider.Provider { return &standIn{schemas: schemas} },
		providerserver.ServeOpts{Address: "registry.terraform.io/tencentcloudstack/tencentcloud", ProtocolVersion: 5})
	if err != nil {
		log.Fatal(err)
	}
}
