package provider

// The API Gateway trigger of scf_trigger: schema, model, TriggerDesc and
// flatten, per the "API Gateway Trigger" section of product doc 583/34880.
// The name of an apigw trigger has no documented rule; the timer rule is
// applied (see CHANGELOG).

import (
	"cmp"
	"encoding/json"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/objectvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/objectplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

var apigwServiceIDRE = regexp.MustCompile(`^service-[a-z0-9]{8}$`)

type apigwTriggerModel struct {
	ServiceID          types.String `tfsdk:"service_id"`
	Environment        types.String `tfsdk:"environment"`
	Method             types.String `tfsdk:"method"`
	AuthRequired       types.Bool   `tfsdk:"auth_required"`
	IntegratedResponse types.Bool   `tfsdk:"integrated_response"`
	Base64Encoded      types.Bool   `tfsdk:"base64_encoded"`
}

func apigwTriggerSchema() schema.SingleNestedAttribute {
	flag := func(apiName, what string) schema.BoolAttribute {
		return schema.BoolAttribute{
			Optional: true, Computed: true, Default: booldefault.StaticBool(false),
			MarkdownDescription: what + " (`" + apiName + "`). Defaults to `false`.",
		}
	}
	return schema.SingleNestedAttribute{
		Optional: true,
		MarkdownDescription: "An API Gateway trigger: an API of an existing API Gateway service, published to one " +
			"of its environments, invokes the function. Requires `name`. Neither `UpdateTrigger` nor " +
			"`UpdateTriggerStatus` takes an API Gateway trigger, so any change, `enable` and `description` included, " +
			"replaces it. " + exactlyOneKind,
		Validators:    []validator.Object{objectvalidator.ExactlyOneOf(triggerKinds()...)},
		PlanModifiers: []planmodifier.Object{objectplanmodifier.RequiresReplace()},
		Attributes: map[string]schema.Attribute{
			"service_id": schema.StringAttribute{
				Required: true,
				MarkdownDescription: "ID of the API Gateway service (`service.serviceId`), such as `service-abcd1234`. " +
					"The API would create a service when none is given, but could not say which one it made, so the " +
					"provider asks for an existing service.",
				Validators: []validator.String{stringvalidator.RegexMatches(apigwServiceIDRE,
					"must be an API Gateway service ID such as service-abcd1234")},
			},
			"environment": schema.StringAttribute{
				Optional: true, Computed: true, Default: stringdefault.StaticString("release"),
				MarkdownDescription: "Environment the API is published to (`release.environmentName`): `release`, " +
					"`test` or `prepub`. Defaults to `release`.",
				Validators: []validator.String{stringvalidator.OneOf("release", "test", "prepub")},
			},
			"method": schema.StringAttribute{
				Optional: true, Computed: true, Default: stringdefault.StaticString("ANY"),
				MarkdownDescription: "HTTP method of the API (`api.requestConfig.method`): `ANY`, `GET`, `HEAD`, " +
					"`POST`, `PUT` or `DELETE`. Defaults to `ANY`.",
				Validators: []validator.String{stringvalidator.OneOf("ANY", "GET", "HEAD", "POST", "PUT", "DELETE")},
			},
			"auth_required":       flag("api.authRequired", "Whether callers must authenticate"),
			"integrated_response": flag("api.isIntegratedResponse", "Whether the function returns an integrated response (status, headers and body)"),
			"base64_encoded":      flag("api.IsBase64Encoded", "Whether request bodies are passed to the function Base64-encoded"),
		},
	}
}

func apiBool(b types.Bool) string {
	if b.ValueBool() {
		return "TRUE"
	}
	return "FALSE"
}

type apigwDesc struct {
	API struct {
		AuthRequired  string `json:"authRequired"`
		RequestConfig struct {
			Method string `json:"method"`
		} `json:"requestConfig"`
		IsIntegratedResponse string `json:"isIntegratedResponse"`
		IsBase64Encoded      string `json:"IsBase64Encoded"`
	} `json:"api"`
	Service struct {
		ServiceID string `json:"serviceId"`
	} `json:"service"`
	Release struct {
		EnvironmentName string `json:"environmentName"`
	} `json:"release"`
}

func (a *apigwTriggerModel) desc() string {
	var d apigwDesc
	d.API.AuthRequired = apiBool(a.AuthRequired)
	d.API.RequestConfig.Method = a.Method.ValueString()
	d.API.IsIntegratedResponse = apiBool(a.IntegratedResponse)
	d.API.IsBase64Encoded = apiBool(a.Base64Encoded)
	d.Service.ServiceID = a.ServiceID.ValueString()
	d.Release.EnvironmentName = a.Environment.ValueString()
	b, _ := json.Marshal(d)
	return string(b)
}

// flattenApigw reads the settings back; what the listing leaves out keeps
// the API's documented default.
func flattenApigw(t *scfapi.Trigger) *apigwTriggerModel {
	var d apigwDesc
	_ = json.Unmarshal([]byte(t.TriggerDesc), &d)
	return &apigwTriggerModel{
		ServiceID:          types.StringValue(d.Service.ServiceID),
		Environment:        types.StringValue(cmp.Or(d.Release.EnvironmentName, "release")),
		Method:             types.StringValue(cmp.Or(d.API.RequestConfig.Method, "ANY")),
		AuthRequired:       types.BoolValue(d.API.AuthRequired == "TRUE"),
		IntegratedResponse: types.BoolValue(d.API.IsIntegratedResponse == "TRUE"),
		Base64Encoded:      types.BoolValue(d.API.IsBase64Encoded == "TRUE"),
	}
}
