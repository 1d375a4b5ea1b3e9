package main

import (
	"context"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
)

const notServed = "This is a test stand-in for tencentcloudstack/tencentcloud: it only serves the schemas of " +
	"its SCF resources, so that Terraform can plan a `moved` block away from them."

// standIn is the provider: no settings, one resource per recorded schema.
type standIn struct {
	schemas map[string]rschema.Schema // by type name, tencentcloud_scf_function and the like
}

func (p *standIn) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "tencentcloud"
}

func (p *standIn) Schema(context.Context, provider.SchemaRequest, *provider.SchemaResponse) {}

func (p *standIn) Configure(context.Context, provider.ConfigureRequest, *provider.ConfigureResponse) {
}

func (p *standIn) Resources(context.Context) []func() resource.Resource {
	names := make([]string, 0, len(p.schemas))
	for name := range p.schemas {
		names = append(names, name)
	}
	slices.Sort(names)
	out := make([]func() resource.Resource, 0, len(names))
	for _, name := range names {
		s := p.schemas[name]
		out = append(out, func() resource.Resource { return &recordedResource{typeName: name, schema: s} })
	}
	return out
}

func (p *standIn) DataSources(context.Context) []func() datasource.DataSource { return nil }

// recordedResource has a recorded schema and refuses every operation.
type recordedResource struct {
	typeName string // tencentcloud_scf_function
	schema   rschema.Schema
}

func (r *recordedResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + strings.TrimPrefix(r.typeName, "tencentcloud")
}

func (r *recordedResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = r.schema
}

func (r *recordedResource) Create(_ context.Context, _ resource.CreateRequest, resp *resource.CreateResponse) {
	resp.Diagnostics.AddError("Not Supported", notServed)
}

func (r *recordedResource) Read(_ context.Context, _ resource.ReadRequest, resp *resource.ReadResponse) {
	resp.Diagnostics.AddError("Not Supported", notServed)
}

func (r *recordedResource) Update(_ context.Context, _ resource.UpdateRequest, resp *resource.UpdateResponse) {
	resp.Diagnostics.AddError("Not Supported", notServed)
}

func (r *recordedResource) Delete(_ context.Context, _ resource.DeleteRequest, resp *resource.DeleteResponse) {
	resp.Diagnostics.AddError("Not Supported", notServed)
}
