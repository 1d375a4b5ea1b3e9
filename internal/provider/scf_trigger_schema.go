package provider

import (
	"context"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/objectvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64default"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/objectplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/scfprovider/terraform-provider-scf/internal/provider/validators"
)

// The COS events a trigger can subscribe to (COS trigger documentation).
var cosTriggerEvents = []string{
	"cos:ObjectCreated:*", "cos:ObjectCreated:Put", "cos:ObjectCreated:Post", "cos:ObjectCreated:Copy",
	"cos:ObjectCreated:CompleteMultipartUpload", "cos:ObjectCreated:Origin", "cos:ObjectCreated:Replication",
	"cos:ObjectRemove:*", "cos:ObjectRemove:Delete", "cos:ObjectRemove:DeleteMarkerCreated",
	"cos:ObjectRestore:Post", "cos:ObjectRestore:Completed",
}

var (
	timerTriggerNameRE = regexp.MustCompile(`^[A-Za-z0-9_-]{1,100}$`)
	cosBucketRE        = regexp.MustCompile(`^[a-z0-9-]{1,50}-[0-9]{5,}$`)
	ckafkaInstanceRE   = regexp.MustCompile(`^ckafka-[a-z0-9]{8}$`)
	ckafkaTopicRE      = regexp.MustCompile(`^[A-Za-z0-9_-]{1,128}$`)
)

// triggerBlocks are the nested attributes that each stand for one trigger
// type; exactly one is set.
var triggerBlocks = []string{"timer", "cos", "ckafka", "cmq", "apigw", "http"}

const exactlyOneKind = "Exactly one of `timer`, `cos`, `ckafka`, `cmq`, `apigw` and `http` must be set."

func triggerKinds() []path.Expression {
	kinds := make([]path.Expression, 0, len(triggerBlocks))
	for _, b := range triggerBlocks {
		kinds = append(kinds, path.MatchRoot(b))
	}
	return kinds
}

func (r *scfTriggerResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Manages one trigger of an SCF function (`CreateTrigger`, `UpdateTrigger`, " +
			"`UpdateTriggerStatus`, `DeleteTrigger`, read with `ListTriggers`). Exactly one of `timer`, `cos`, " +
			"`ckafka`, `cmq`, `apigw` and `http` (a function URL) gives the kind of trigger and its settings. What the " +
			"API can change changes in place: `enable` for timer, COS, CKafka and HTTP triggers; the cron expression, " +
			"the CKafka batch settings, the function URL's settings and `description` for timer, CKafka and HTTP " +
			"triggers; `custom_argument` for timer triggers. Everything else replaces the trigger " +
			"(a CMQ or API Gateway trigger on any change), and one trigger's change never touches the function's other triggers. A " +
			"trigger goes away with its function.",
		Attributes: validators.Pointed(map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "Identifier of the trigger: `<namespace>/<function_name>/<type>/<name>`, the import ID.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"namespace": schema.StringAttribute{
				Optional: true, Computed: true, Default: stringdefault.StaticString("default"),
				MarkdownDescription: "Namespace of the function. Defaults to `default`. Changing it replaces the trigger.",
				PlanModifiers:       replace,
				Validators:          []validator.String{validators.Namespace()},
			},
			"function_name": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "Name of the function the trigger invokes. Changing it replaces the trigger.",
				PlanModifiers:       replace,
				Validators:          []validator.String{validators.FunctionName()},
			},
			"qualifier": schema.StringAttribute{
				Optional: true, Computed: true, Default: stringdefault.StaticString("$DEFAULT"),
				MarkdownDescription: "Version or alias the trigger invokes (`Qualifier`). Defaults to the `$DEFAULT` alias, " +
					"which lets versions be rolled out gradually later; the API's own default is `$LATEST`. Changing it " +
					"replaces the trigger.",
				PlanModifiers: replace,
				Validators:    []validator.String{stringvalidator.LengthBetween(1, 128)},
			},
			"name": schema.StringAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "Name of the trigger (`TriggerName`). Required for timer, API Gateway and HTTP triggers: " +
					"1 to 100 letters, digits, `-` and `_`. For a COS trigger it defaults to the bucket's XML API domain " +
					"`<bucket>.cos.<region>.myqcloud.com` in the provider's region, and for a CKafka trigger to " +
					"`<instance_id>-<topic>`; a name given here is sent as written. A CMQ trigger is named after its topic, " +
					"so for one `name` may only repeat `cmq.topic`. Changing it replaces the trigger.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplaceIfConfigured(), stringplanmodifier.UseStateForUnknown()},
				Validators:    []validator.String{stringvalidator.LengthBetween(1, 300)},
			},
			"type": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "Type of the trigger as the API names it: `timer`, `cos`, `ckafka`, `cmq`, `apigw` or `http`, from the block set.",
			},
			"enable": schema.BoolAttribute{
				Optional: true, Computed: true, Default: booldefault.StaticBool(true),
				MarkdownDescription: "Whether the trigger fires (`Enable`). Defaults to `true`. Changes in place, except " +
					"for CMQ and API Gateway triggers, which it replaces.",
			},
			"description": schema.StringAttribute{
				Optional: true, Computed: true, Default: stringdefault.StaticString(""),
				MarkdownDescription: "Description of the trigger, at most 100 characters. Changes in place for timer, " +
					"CKafka and HTTP triggers; replaces COS, CMQ and API Gateway triggers, which `UpdateTrigger` does not accept.",
				Validators: []validator.String{stringvalidator.LengthAtMost(100)},
			},
			"custom_argument": schema.StringAttribute{
				Optional: true, Computed: true, Default: stringdefault.StaticString(""),
				MarkdownDescription: "Argument passed to the function in each timer event (`CustomArgument`), at most 4,096 " +
					"characters. Timer triggers only. Changes in place.",
				Validators: []validator.String{stringvalidator.LengthAtMost(4096)},
			},
			"timer": schema.SingleNestedAttribute{
				Optional:            true,
				MarkdownDescription: "A timer trigger. " + exactlyOneKind,
				Validators:          []validator.Object{objectvalidator.ExactlyOneOf(triggerKinds()...)},
				Attributes: map[string]schema.Attribute{
					"cron_expression": schema.StringAttribute{
						Required: true,
						MarkdownDescription: "When the trigger fires, as the service's seven-field cron expression " +
							"`second minute hour day-of-month month day-of-week year`, such as `0 */5 * * * * *` (every five " +
							"minutes). Each field is `*`, a value, a range `a-b`, a step `*/n` or `a-b/n`, or a comma list; " +
							"months and weekdays also as `JAN`-`DEC` and `SUN`-`SAT`. Changes in place.",
						Validators: []validator.String{validators.Cron()},
					},
				},
			},
			"cos":    cosTriggerSchema(),
			"ckafka": ckafkaTriggerSchema(),
			"cmq":    cmqTriggerSchema(),
			"apigw":  apigwTriggerSchema(),
			"http":   httpTriggerSchema(),
		}),
	}
}

func cosTriggerSchema() schema.SingleNestedAttribute {
	return schema.SingleNestedAttribute{
		Optional: true,
		MarkdownDescription: "A COS trigger: the function runs on events of a bucket. " + exactlyOneKind + " The API " +
			"cannot change a COS trigger except for `enable`, so any change here replaces it.",
		Validators:    []validator.Object{objectvalidator.ExactlyOneOf(triggerKinds()...)},
		PlanModifiers: []planmodifier.Object{objectplanmodifier.RequiresReplace()},
		Attributes: map[string]schema.Attribute{
			"bucket": schema.StringAttribute{
				Required: true,
				MarkdownDescription: "Bucket name with its APPID suffix, such as `photos-1250000000`, in the provider's " +
					"region.",
				Validators: []validator.String{stringvalidator.RegexMatches(cosBucketRE,
					"must be the bucket name with its APPID, such as photos-1250000000")},
			},
			"event": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "The COS event, such as `cos:ObjectCreated:*` or `cos:ObjectRemove:Delete`.",
				Validators:          []validator.String{stringvalidator.OneOf(cosTriggerEvents...)},
			},
			"filter": schema.SingleNestedAttribute{
				Optional:            true,
				MarkdownDescription: "Object key filter: only keys with this prefix and suffix trigger the function.",
				Attributes: map[string]schema.Attribute{
					"prefix": schema.StringAttribute{
						Optional: true, Computed: true, Default: stringdefault.StaticString(""),
						MarkdownDescription: "Key prefix, such as `uploads/`. Defaults to none.",
					},
					"suffix": schema.StringAttribute{
						Optional: true, Computed: true, Default: stringdefault.StaticString(""),
						MarkdownDescription: "Key suffix, such as `.jpg`. Defaults to none.",
					},
				},
			},
		},
	}
}

func ckafkaTriggerSchema() schema.SingleNestedAttribute {
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	return schema.SingleNestedAttribute{
		Optional: true,
		MarkdownDescription: "A CKafka trigger: the service consumes a topic and invokes the function with batches of " +
			"messages. " + exactlyOneKind,
		Validators: []validator.Object{objectvalidator.ExactlyOneOf(triggerKinds()...)},
		Attributes: map[string]schema.Attribute{
			"instance_id": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "CKafka instance ID, such as `ckafka-abcd1234`, in the function's region. Changing it replaces the trigger.",
				PlanModifiers:       replace,
				Validators:          []validator.String{stringvalidator.RegexMatches(ckafkaInstanceRE, "must be a CKafka instance ID such as ckafka-abcd1234")},
			},
			"topic": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "Topic to consume (1 to 128 letters, digits, `-` and `_`). Changing it replaces the trigger.",
				PlanModifiers:       replace,
				Validators:          []validator.String{stringvalidator.RegexMatches(ckafkaTopicRE, "must be 1 to 128 letters, digits, - and _")},
			},
			"max_msg_num": schema.Int64Attribute{
				Optional: true, Computed: true, Default: int64default.StaticInt64(100),
				MarkdownDescription: "Most messages per invocation (`maxMsgNum`), 1 to 10,000. Defaults to 100. Changes in place.",
				Validators:          []validator.Int64{int64validator.Between(1, 10000)},
			},
			"offset": schema.StringAttribute{
				Optional: true, Computed: true, Default: stringdefault.StaticString("latest"),
				MarkdownDescription: "Where consumption starts (`offset`): `latest` or `earliest`. Defaults to `latest`. Changes in place.",
				Validators:          []validator.String{stringvalidator.OneOf("latest", "earliest")},
			},
			"retry": schema.Int64Attribute{
				Optional: true, Computed: true, Default: int64default.StaticInt64(10000),
				MarkdownDescription: "Retries of a batch after a function error (`retry`), 1 to 10,000. Defaults to 10,000. Changes in place.",
				Validators:          []validator.Int64{int64validator.Between(1, 10000)},
			},
			"timeout": schema.Int64Attribute{
				Optional: true, Computed: true, Default: int64default.StaticInt64(60),
				MarkdownDescription: "Seconds an invocation may take (`timeOut`), 1 to 7,200. Defaults to 60. Changes in place.",
				Validators:          []validator.Int64{int64validator.Between(1, 7200)},
			},
		},
	}
}
