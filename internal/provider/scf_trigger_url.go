package provider

// The function URL (trigger type http) of scf_trigger: schema, model,
// TriggerDesc and flatten, per "创建函数 URL" (product doc 583/100227).
// UpdateTrigger takes it, so its settings change in place. Its name has no
// documented rule; the timer rule is applied (see CHANGELOG).

import (
	"encoding/json"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/objectvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

type httpTriggerModel struct {
	AuthType       types.String   `tfsdk:"auth_type"`
	EnableIntranet types.Bool     `tfsdk:"enable_intranet"`
	EnableExtranet types.Bool     `tfsdk:"enable_extranet"`
	Cors           *httpCorsModel `tfsdk:"cors"`
}

type httpCorsModel struct {
	Origins          types.List  `tfsdk:"origins"`
	Headers          types.List  `tfsdk:"headers"`
	Methods          types.List  `tfsdk:"methods"`
	ExposeHeaders    types.List  `tfsdk:"expose_headers"`
	MaxAge           types.Int64 `tfsdk:"max_age"`
	AllowCredentials types.Bool  `tfsdk:"allow_credentials"`
}

func httpTriggerSchema() schema.SingleNestedAttribute {
	// An empty list would be sent and read back as none: refused instead.
	list := func(what string, required bool) schema.ListAttribute {
		return schema.ListAttribute{
			Required: required, Optional: !required, ElementType: types.StringType,
			MarkdownDescription: what,
			Validators: []validator.List{
				listvalidator.SizeAtLeast(1), listvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1)),
			},
		}
	}
	return schema.SingleNestedAttribute{
		Optional: true,
		MarkdownDescription: "A function URL (trigger type `http`): an HTTP(S) endpoint that invokes the function. An " +
			"alias or version has at most one. Requires `name`. Everything here, `enable` and `description` change " +
			"in place through `UpdateTrigger`. " + exactlyOneKind,
		Validators: []validator.Object{objectvalidator.ExactlyOneOf(triggerKinds()...)},
		Attributes: map[string]schema.Attribute{
			"auth_type": schema.StringAttribute{
				Required: true,
				MarkdownDescription: "Who may call the URL (`AuthType`): `NONE` (anyone, anonymously) or `CAM` (callers " +
					"signed and allowed `scf:InvokeFunctionUrl`).",
				Validators: []validator.String{stringvalidator.OneOf("NONE", "CAM")},
			},
			"enable_intranet": schema.BoolAttribute{
				Required:            true,
				MarkdownDescription: "Whether the URL is reachable from the VPC network (`NetConfig.EnableIntranet`).",
			},
			"enable_extranet": schema.BoolAttribute{
				Required:            true,
				MarkdownDescription: "Whether the URL is reachable from the internet (`NetConfig.EnableExtranet`).",
			},
			"cors": schema.SingleNestedAttribute{
				Optional:            true,
				MarkdownDescription: "Cross-origin resource sharing (`CorsConfig`); set, CORS is enabled.",
				Attributes: map[string]schema.Attribute{
					"origins":        list("Origins allowed to call the URL (`Origins`), or `*` for any.", true),
					"headers":        list("Request headers allowed (`Headers`).", false),
					"methods":        list("HTTP methods allowed (`Methods`), such as `POST`.", false),
					"expose_headers": list("Response headers exposed to the caller (`ExposeHeaders`).", false),
					"max_age": schema.Int64Attribute{
						Optional:            true,
						MarkdownDescription: "Seconds a browser may cache the preflight answer (`MaxAge`).",
						Validators:          []validator.Int64{int64validator.AtLeast(0)},
					},
					"allow_credentials": schema.BoolAttribute{
						Optional:            true,
						MarkdownDescription: "Whether requests may carry credentials such as cookies (`Credentials`).",
					},
				},
			},
		},
	}
}

type httpCorsDesc struct {
	Enable        bool     `json:"Enable"`
	Origins       []string `json:"Origins,omitempty"`
	Headers       []string `json:"Headers,omitempty"`
	Methods       []string `json:"Methods,omitempty"`
	ExposeHeaders []string `json:"ExposeHeaders,omitempty"`
	MaxAge        *int64   `json:"MaxAge,omitempty"`
	Credentials   *bool    `json:"Credentials,omitempty"`
}

type httpDesc struct {
	AuthType  string `json:"AuthType"`
	NetConfig struct {
		EnableIntranet bool `json:"EnableIntranet"`
		EnableExtranet bool `json:"EnableExtranet"`
	} `json:"NetConfig"`
	CorsConfig *httpCorsDesc `json:"CorsConfig,omitempty"`
}

func listStrings(l types.List) []string {
	var out []string
	for _, v := range l.Elements() {
		if s, ok := v.(types.String); ok {
			out = append(out, s.ValueString())
		}
	}
	return out
}

func stringsList(values []string) types.List {
	if values == nil {
		return types.ListNull(types.StringType)
	}
	elems := make([]attr.Value, 0, len(values))
	for _, v := range values {
		elems = append(elems, types.StringValue(v))
	}
	return types.ListValueMust(types.StringType, elems)
}

func (h *httpTriggerModel) desc() string {
	var d httpDesc
	d.AuthType = h.AuthType.ValueString()
	d.NetConfig.EnableIntranet, d.NetConfig.EnableExtranet = h.EnableIntranet.ValueBool(), h.EnableExtranet.ValueBool()
	if c := h.Cors; c != nil {
		d.CorsConfig = &httpCorsDesc{Enable: true, Origins: listStrings(c.Origins), Headers: listStrings(c.Headers),
			Methods: listStrings(c.Methods), ExposeHeaders: listStrings(c.ExposeHeaders),
			MaxAge: c.MaxAge.ValueInt64Pointer(), Credentials: c.AllowCredentials.ValueBoolPointer()}
	}
	b, _ := json.Marshal(d)
	return string(b)
}

func flattenHTTP(t *scfapi.Trigger) *httpTriggerModel {
	var d httpDesc
	_ = json.Unmarshal([]byte(t.TriggerDesc), &d)
	h := &httpTriggerModel{AuthType: types.StringValue(d.AuthType),
		EnableIntranet: types.BoolValue(d.NetConfig.EnableIntranet), EnableExtranet: types.BoolValue(d.NetConfig.EnableExtranet)}
	if c := d.CorsConfig; c != nil && c.Enable {
		h.Cors = &httpCorsModel{Origins: stringsList(c.Origins), Headers: stringsList(c.Headers), Methods: stringsList(c.Methods),
			ExposeHeaders: stringsList(c.ExposeHeaders), MaxAge: types.Int64PointerValue(c.MaxAge),
			AllowCredentials: types.BoolPointerValue(c.Credentials)}
	}
	return h
}
