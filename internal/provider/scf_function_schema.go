package provider

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/objectvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64default"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/scfprovider/terraform-provider-scf/internal/provider/validators"
	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

const (
	defaultRuntime     = "Python2.7"
	defaultType        = "Event"
	defaultMemorySize  = 128
	defaultTimeout     = 3
	defaultInitTimeout = 65

	enable  = "ENABLE"
	disable = "DISABLE"
)

func backticked(values []string) string {
	quoted := make([]string, len(values))
	for i, v := range values {
		quoted[i] = "`" + v + "`"
	}
	return strings.Join(quoted, ", ")
}

func (r *scfFunctionResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Manages a Serverless Cloud Function (SCF) function. The function is created with " +
			"`CreateFunction` and the resource waits until it is `Active`; code and handler change in place through " +
			"`UpdateFunctionCode`, most settings through `UpdateFunctionConfiguration`, tags through the Tag service. " +
			"Changing `name`, `namespace`, `runtime` or `type` replaces the function. Every documented constraint of " +
			"the API is checked at plan time.",
		// Pointed makes every validator's diagnostics point at what
		// Terraform can show without printing code.git_password.
		Attributes: validators.Pointed(withFeatures(map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "Identifier of the function in Terraform, `<namespace>/<name>`.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"name": schema.StringAttribute{
				Required: true,
				MarkdownDescription: "Name of the function (`FunctionName`): 2 to 60 characters of letters, digits, `-` and " +
					"`_`, starting with a letter and not ending with `-` or `_`. Changing it replaces the function.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
				Validators:    []validator.String{validators.FunctionName()},
			},
			"namespace": schema.StringAttribute{
				Optional: true,
				Computed: true,
				Default:  stringdefault.StaticString(scfapi.DefaultNamespace),
				MarkdownDescription: "Namespace of the function (`Namespace`): 1 to 30 characters of letters, digits, `-` " +
					"and `_`. Defaults to `default`. The namespace must exist: to create it in the same configuration, set " +
					"`scf_namespace.<name>.name` here, so it is created before the function and destroyed after it. " +
					"Changing it replaces the function.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
				Validators:    []validator.String{validators.Namespace()},
			},
			"code":        codeAttribute(),
			"code_source": codeSourceAttribute(),
			"handler": schema.StringAttribute{
				Optional: true,
				Computed: true,
				MarkdownDescription: "Entry point (`Handler`) in the form `file.function`, for example `index.main_handler`; " +
					"each part starts and ends with a letter and the whole is 2 to 60 characters. `Java8` uses " +
					"`package.Class::method`; Go runtimes use the executable's name. When unset the service picks its " +
					"default for the runtime. An image function (`code.image_config`) has none. Changes are applied in " +
					"place with the code.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
				Validators:    []validator.String{validators.Handler(path.MatchRoot("runtime"))},
			},
			"description": schema.StringAttribute{
				Optional: true,
				Computed: true,
				Default:  stringdefault.StaticString(""),
				MarkdownDescription: "Description (`Description`): up to 1,000 characters of letters (including Chinese), " +
					"digits, spaces, commas, periods and new lines. Defaults to empty. Changes are applied in place.",
				Validators: []validator.String{validators.Description()},
			},
			"memory_size": schema.Int64Attribute{
				Optional: true,
				Computed: true,
				Default:  int64default.StaticInt64(defaultMemorySize),
				MarkdownDescription: fmt.Sprintf("Memory available to the function in MB (`MemorySize`): `64`, or `128` to "+
					"`3072` in steps of `128`. Defaults to `%d`. Changes are applied in place.", defaultMemorySize),
				Validators: []validator.Int64{validators.MemorySize()},
			},
			"timeout": schema.Int64Attribute{
				Optional: true,
				Computed: true,
				Default:  int64default.StaticInt64(defaultTimeout),
				MarkdownDescription: fmt.Sprintf("Maximum execution time in seconds (`Timeout`), `1` to `900`. Defaults to "+
					"`%d`. Changes are applied in place.", defaultTimeout),
				Validators: []validator.Int64{int64validator.Between(1, 900)},
			},
			"init_timeout": schema.Int64Attribute{
				Optional: true,
				Computed: true,
				// No static default: ModifyPlan plans the one of the runtime.
				MarkdownDescription: fmt.Sprintf("Maximum time in seconds for the function's initialization "+
					"(`InitTimeout`), `1` to `300`. Defaults to `%d`, or `%d` for an image function (`code.image_config`). "+
					"Changes are applied in place.", defaultInitTimeout, defaultImageInitTimeout),
				Validators: []validator.Int64{int64validator.Between(1, 300)},
			},
			// No static default and no RequiresReplace modifier: the default
			// depends on `code` and ModifyPlan plans it, and the replacement.
			"runtime": schema.StringAttribute{
				Optional: true,
				Computed: true,
				MarkdownDescription: "Runtime environment (`Runtime`), one of " + backticked(validators.Runtimes) + " or `" +
					runtimeCustomImage + "` for an image function (`code.image_config`). Defaults to `" + runtimeCustomImage +
					"` for an image and `" + defaultRuntime + "` otherwise. The API cannot change the runtime of an " +
					"existing function, so changing it replaces the function.",
				Validators: []validator.String{stringvalidator.OneOf(append(slices.Clone(validators.Runtimes), runtimeCustomImage)...)},
			},
			"type": schema.StringAttribute{
				Optional: true,
				Computed: true,
				Default:  stringdefault.StaticString(defaultType),
				MarkdownDescription: "Function type (`Type`): `Event` for a function invoked by triggers, `HTTP` for a web " +
					"function. Defaults to `Event`. Changing it replaces the function.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
				Validators:    []validator.String{stringvalidator.OneOf(validators.FunctionTypes...)},
			},
			"environment": schema.MapAttribute{
				Optional:    true,
				ElementType: types.StringType,
				MarkdownDescription: "Environment variables (`Environment`). Names start with a letter and contain letters, " +
					"digits and `_`; names and values together may not exceed 4 KB. Removing the attribute removes every " +
					"variable from the function. Changes are applied in place.",
				Validators: []validator.Map{validators.Environment()},
			},
			"vpc_config": schema.SingleNestedAttribute{
				Optional: true,
				MarkdownDescription: "VPC the function runs in (`VpcConfig`). Removing it takes the function out of the " +
					"VPC. Changes are applied in place.",
				Attributes: map[string]schema.Attribute{
					"vpc_id": schema.StringAttribute{
						Required:            true,
						MarkdownDescription: "ID of the VPC, such as `vpc-abcd1234`.",
						Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
					},
					"subnet_id": schema.StringAttribute{
						Required:            true,
						MarkdownDescription: "ID of a subnet of that VPC, such as `subnet-abcd1234`.",
						Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
					},
				},
			},
			"role": schema.StringAttribute{
				Optional: true,
				Computed: true,
				Default:  stringdefault.StaticString(""),
				MarkdownDescription: "Name of the CAM role the function runs as (`Role`), such as `SCF_QcsRole`. Defaults " +
					"to none. Changes are applied in place.",
			},
			"cls_logset_id": schema.StringAttribute{
				Optional: true,
				Computed: true,
				MarkdownDescription: "ID of the CLS logset that receives the function's logs (`ClsLogsetId`); set together " +
					"with `cls_topic_id`. When both are unset the service may assign its own, which is kept without a " +
					"diff. Changes are applied in place.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"cls_topic_id": schema.StringAttribute{
				Optional: true,
				Computed: true,
				MarkdownDescription: "ID of the CLS topic that receives the function's logs (`ClsTopicId`); set together " +
					"with `cls_logset_id`. Changes are applied in place.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"layers": schema.ListNestedAttribute{
				Optional: true,
				MarkdownDescription: "Layer versions bound to the function (`Layers`), at most 5. Later layers overwrite " +
					"files of earlier ones, so the order is kept. Removing the attribute unbinds every layer. Changes " +
					"are applied in place.",
				Validators: []validator.List{listvalidator.SizeBetween(1, 5)},
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"name": schema.StringAttribute{
							Required:            true,
							MarkdownDescription: "Name of the layer.",
							Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
						},
						"version": schema.Int64Attribute{
							Required:            true,
							MarkdownDescription: "Version of the layer, from `1`.",
							Validators:          []validator.Int64{int64validator.AtLeast(1)},
						},
					},
				},
			},
			"dead_letter_config": schema.SingleNestedAttribute{
				Optional: true,
				MarkdownDescription: "Dead letter queue for failed asynchronous invocations (`DeadLetterConfig`). " +
					"Removing it detaches the queue. Changes are applied in place.",
				Attributes: map[string]schema.Attribute{
					"type": schema.StringAttribute{
						Required:            true,
						MarkdownDescription: "Kind of target: `CMQ-QUEUE` or `CMQ-TOPIC`.",
						Validators:          []validator.String{stringvalidator.OneOf("CMQ-QUEUE", "CMQ-TOPIC")},
					},
					"name": schema.StringAttribute{
						Required:            true,
						MarkdownDescription: "Name of the queue or topic.",
						Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
					},
					"filter_type": schema.StringAttribute{
						Optional:            true,
						MarkdownDescription: "Message filter type; only for `CMQ-TOPIC` targets.",
						Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
					},
				},
			},
			"public_net_config": publicNetAttribute(),
			"cfs_config":        cfsAttribute(),
			"tags": schema.MapAttribute{
				Optional:    true,
				ElementType: types.StringType,
				MarkdownDescription: "Tags of the function (`Tags`). Changes are applied in place through the Tag service, " +
					"without touching the function's code or configuration.",
				Validators: []validator.Map{
					mapvalidator.SizeAtMost(50),
					mapvalidator.KeysAre(stringvalidator.LengthBetween(1, 127)),
					mapvalidator.ValueStringsAre(stringvalidator.LengthAtMost(255)),
				},
			},
			"timeouts": timeoutsAttribute(ctx),

			"function_id": computedString("ID the service gave the function, such as `lam-abcd1234`.", true),
			"status": computedString("Status of the function after the last operation: `Active` when it is ready; "+
				"`CreateFailed` or `UpdateFailed` when the service could not apply the configuration.", false),
			"status_desc": computedString("The service's explanation of the status, if any.", false),
			"code_size": schema.Int64Attribute{
				Computed:            true,
				MarkdownDescription: "Size in bytes of the deployed code package.",
			},
			"code_sha256": computedString("SHA-256 digest (lowercase hex) of the deployed code package, as the service "+
				"reports it. For `code.zip_file` the provider hashes the local file at plan time, so a changed file, or code "+
				"edited outside Terraform, plans a code update.", false),
			"created_time":  computedString("When the function was created, RFC 3339.", true),
			"modified_time": computedString("When the function was last modified, RFC 3339.", false),
		})),
	}
}

func withFeatures(attrs map[string]schema.Attribute) map[string]schema.Attribute {
	maps.Copy(attrs, featureAttributes())
	return attrs
}

// timeoutsAttribute adds the defaults and what each timeout bounds to the
// library's attribute, whose own descriptions only explain the format.
func timeoutsAttribute(ctx context.Context) schema.Attribute {
	format := " A duration such as `30s`, `10m` or `1h`."
	short := func(d time.Duration) string { return strings.TrimSuffix(d.String(), "0s") }
	a := timeouts.Attributes(ctx, timeouts.Opts{
		Create: true, Update: true, Delete: true,
		CreateDescription: "How long to wait for `CreateFunction` and for the function to become `Active`, retries included. " +
			"Defaults to `" + short(defaultCreateTimeout) + "`." + format,
		UpdateDescription: "How long an update may take, all its API calls and waits together. Defaults to `" +
			short(defaultUpdateTimeout) + "`." + format,
		DeleteDescription: "How long to wait for `DeleteFunction` and for the function to disappear. Defaults to `" +
			short(defaultDeleteTimeout) + "`." + format,
	})
	if nested, ok := a.(schema.SingleNestedAttribute); ok {
		nested.MarkdownDescription = "Limits for each operation. When one runs out, the operation stops with an error " +
			"naming the function and its status; a function whose creation did not finish is kept in state, tainted."
		return nested
	}
	return a
}

func computedString(description string, fixedAfterCreate bool) schema.StringAttribute {
	a := schema.StringAttribute{Computed: true, MarkdownDescription: description}
	if fixedAfterCreate {
		a.PlanModifiers = []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	}
	return a
}

func codeSourceAttribute() schema.StringAttribute {
	return schema.StringAttribute{
		Optional: true,
		MarkdownDescription: "Where the code comes from (`CodeSource`): " + backticked(validators.CodeSources) +
			". Required when the code comes from Git; otherwise it may be left unset, and when set it must agree with " +
			"the source given in `code`.",
		Validators: []validator.String{stringvalidator.OneOf(validators.CodeSources...)},
	}
}

func codeAttribute() schema.SingleNestedAttribute {
	sibling := func(name string) path.Expression { return path.MatchRelative().AtParent().AtName(name) }
	optional := func(description string, v ...validator.String) schema.StringAttribute {
		return schema.StringAttribute{Optional: true, MarkdownDescription: description, Validators: v}
	}
	gitDetail := func(description string) schema.StringAttribute {
		return optional(description, stringvalidator.LengthAtLeast(1), stringvalidator.AlsoRequires(sibling("git_url")))
	}
	return schema.SingleNestedAttribute{
		Optional: true,
		MarkdownDescription: "The function's code (`Code`). Exactly one source: `zip_file`; `cos_bucket_name` with " +
			"`cos_object_name`; `demo_id`; `temp_cos_object_name`; `git_url`; or `image_config`. Required to create a function. After an " +
			"import it may be left out, which keeps the deployed code. Changes are applied in place with " +
			"`UpdateFunctionCode`; a `zip_file` is only uploaded when its content differs from the deployed code.",
		Attributes: map[string]schema.Attribute{
			"zip_file": optional("Path of a local zip archive of at most 50 MB; the provider reads it, base64-encodes it "+
				"and uploads it. A leading `~/` means the home directory. Its SHA-256 is computed at plan time, so a new "+
				"file at the same path plans an update.", validators.ZipFile()),
			"cos_bucket_name": optional("Name of the COS bucket holding the code, without the `-<appid>` suffix. Needs "+
				"`cos_object_name`.", stringvalidator.LengthAtLeast(1), stringvalidator.AlsoRequires(sibling("cos_object_name"))),
			"cos_object_name": optional("Path of the code object in the bucket, starting with `/` and ending in `.zip` or "+
				"`.jar`. Needs `cos_bucket_name`.", stringvalidator.LengthAtLeast(1), stringvalidator.AlsoRequires(sibling("cos_bucket_name"))),
			"cos_bucket_region": optional("Region of the COS bucket, when it differs from the function's.",
				stringvalidator.LengthAtLeast(1), stringvalidator.AlsoRequires(sibling("cos_bucket_name"))),
			"demo_id":              optional("ID of a demo template to create the function from.", stringvalidator.LengthAtLeast(1)),
			"temp_cos_object_name": optional("Object name of code uploaded to the service's temporary COS storage, such as `/1250000000/code.zip`.", stringvalidator.LengthAtLeast(1)),
			"git_url":              optional("URL of a Git repository holding the code; needs `code_source = \"Git\"`.", stringvalidator.LengthAtLeast(1)),
			"git_user_name":        gitDetail("User name for the Git repository."),
			"git_password": schema.StringAttribute{
				Optional:            true,
				Sensitive:           true,
				MarkdownDescription: "Password for the Git repository. Sensitive: never shown in plans or logs.",
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1), stringvalidator.AlsoRequires(sibling("git_url"))},
			},
			"git_branch":    gitDetail("Branch to check out."),
			"git_directory": gitDetail("Directory of the repository that holds the code."),
			"git_commit_id": gitDetail("Commit to check out."),
			"image_config":  imageConfigAttribute(),
		},
	}
}

func publicNetAttribute() schema.SingleNestedAttribute {
	return schema.SingleNestedAttribute{
		Optional: true,
		MarkdownDescription: "Public network access (`PublicNetConfig`). When unset, the function has the service's " +
			"default: public access enabled, without a fixed IP; removing the attribute restores that default. " +
			"Disabling public access needs `vpc_config`. Changes are applied in place.",
		Attributes: map[string]schema.Attribute{
			"public_net_status": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "`ENABLE` or `DISABLE`.",
				Validators:          []validator.String{stringvalidator.OneOf(enable, disable)},
			},
			"eip_config": schema.SingleNestedAttribute{
				Optional: true,
				MarkdownDescription: "Fixed elastic public IP (`EipConfig`). Unset means no fixed IP. Enabling it needs " +
					"`public_net_status = \"ENABLE\"`.",
				Attributes: map[string]schema.Attribute{
					"eip_status": schema.StringAttribute{
						Required:            true,
						MarkdownDescription: "`ENABLE` or `DISABLE`.",
						Validators:          []validator.String{stringvalidator.OneOf(enable, disable)},
					},
				},
			},
		},
	}
}

func cfsAttribute() schema.SingleNestedAttribute {
	required := func(description string) schema.StringAttribute {
		return schema.StringAttribute{
			Required:            true,
			MarkdownDescription: description,
			Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
		}
	}
	return schema.SingleNestedAttribute{
		Optional: true,
		MarkdownDescription: "CFS file systems mounted into the function (`CfsConfig`). Needs `vpc_config`. Removing " +
			"it unmounts them. Changes are applied in place.",
		Validators: []validator.Object{objectvalidator.AlsoRequires(path.MatchRoot("vpc_config"))},
		Attributes: map[string]schema.Attribute{
			"cfs_ins_list": schema.ListNestedAttribute{
				Required:            true,
				MarkdownDescription: "The mounts.",
				Validators:          []validator.List{listvalidator.SizeAtLeast(1)},
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"user_id":          required("User ID the function uses on the file system, such as `10000`."),
						"user_group_id":    required("Group ID the function uses on the file system, such as `10000`."),
						"cfs_id":           required("ID of the file system, such as `cfs-abcd1234`."),
						"mount_ins_id":     required("ID of the mount target."),
						"local_mount_dir":  required("Directory inside the function, such as `/mnt/data`."),
						"remote_mount_dir": required("Directory of the file system to mount, such as `/`."),
					},
				},
			},
		},
	}
}
