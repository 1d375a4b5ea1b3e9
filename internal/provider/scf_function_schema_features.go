package provider

import (
	"fmt"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/scfprovider/terraform-provider-scf/internal/provider/validators"
)

// The settings today's CreateFunction has beyond the 2020 document: image
// code, asynchronous runs, web-function protocols and concurrency, intranet
// IPs, and what GetFunction reports about them.

const (
	runtimeCustomImage = "CustomImage"
	defaultImagePort   = 9000
	// defaultImageInitTimeout is the service's init_timeout of an image
	// function; code packages get defaultInitTimeout.
	defaultImageInitTimeout = 90
	defaultWSIdleTimeout    = 15
	// defaultMaxConcurrency is what the service reports when only other
	// concurrency settings were given.
	defaultMaxConcurrency = 1
	protocolWebSocket     = "WS"
	imagePersonal         = "personal"
	imageEnterprise       = "enterprise"
	sessionBased          = "Session-Based"
	requestBased          = "Request-Based"
)

var sessionNameRE = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_-]{4,39}$`)

// flagAttribute is a TRUE/FALSE setting of the API, false unless configured.
func flagAttribute(description string, modifiers ...planmodifier.Bool) schema.BoolAttribute {
	return schema.BoolAttribute{
		Optional:            true,
		Computed:            true,
		Default:             booldefault.StaticBool(false),
		MarkdownDescription: description + " Defaults to `false`.",
		PlanModifiers:       modifiers,
	}
}

func featureAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"async_run_enable": flagAttribute("Runs the function asynchronously (`AsyncRunEnable`): invocations return at once "+
			"and may run up to 24 hours. Only set at creation, so changing it replaces the function.",
			boolplanmodifier.RequiresReplace()),
		"trace_enable": flagAttribute("Records the events of asynchronous runs (`TraceEnable`). Only meaningful with "+
			"`async_run_enable = true`, which it requires. Only set at creation, so changing it replaces the function.",
			boolplanmodifier.RequiresReplace()),
		"install_dependency": flagAttribute("Installs the dependencies of `package.json` online (`InstallDependency`). " +
			"Node.js runtimes only. Changes are applied in place and sent with every code update."),
		"dns_cache": flagAttribute("Caches DNS lookups of the function (`DnsCache`). Event functions only. Changes " +
			"are applied in place."),
		"ignore_sys_log": flagAttribute("Stops the service's system logs from being reported (`IgnoreSysLog`). Only " +
			"`UpdateFunctionConfiguration` accepts it and `GetFunction` does not return it, so the provider sets it " +
			"after creating the function, cannot detect changes made outside Terraform, and assumes `false` after an " +
			"import. Changes are applied in place."),
		"protocol_type": schema.StringAttribute{
			Optional: true,
			MarkdownDescription: "Protocol of a web function (`ProtocolType`): `WS` serves WebSocket connections. " +
				"HTTP functions only. Changing it replaces the function, as the API sets it only at creation.",
			PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			Validators:    []validator.String{stringvalidator.OneOf(protocolWebSocket)},
		},
		"protocol_params":             protocolParamsAttribute(),
		"instance_concurrency_config": instanceConcurrencyAttribute(),
		"intranet_config":             intranetAttribute(),

		"resolved_image_uri": computedString("For an image function, the image the service deployed, as it reports "+
			"it: `<registry>/<namespace>/<image>:<tag>@sha256:<digest>`. `code.image_config.image_uri` keeps the "+
			"configured form.", false),
		"eip_addresses": schema.ListAttribute{
			Computed:    true,
			ElementType: types.StringType,
			MarkdownDescription: "Fixed public IP addresses of the function, when " +
				"`public_net_config.eip_config.eip_status` is `ENABLE`; empty otherwise.",
		},
		// The read-only structured attributes are object-typed rather than
		// nested attributes: Terraform 1.5 and OpenTofu 1.6 crash generating
		// configuration (`plan -generate-config-out`) for a resource with a
		// read-only nested attribute. The state has the same shape either way.
		"cfs_mounts": schema.ListAttribute{
			Computed:    true,
			ElementType: types.ObjectType{AttrTypes: cfsMountAttrTypes},
			MarkdownDescription: "The CFS mounts as the service reports them, in the order of " +
				"`cfs_config.cfs_ins_list`, with the addresses it assigned: for each, the file system (`cfs_id`), the " +
				"mount target (`mount_ins_id`), the directory inside the function (`local_mount_dir`), and the mount " +
				"target's IP address (`ip_address`), VPC (`mount_vpc_id`) and subnet (`mount_subnet_id`).",
		},
		"access_info": schema.ObjectAttribute{
			Computed:       true,
			AttributeTypes: accessInfoAttrTypes,
			MarkdownDescription: "How a web function is reached (`AccessInfo`): its domain name (`host`) and virtual " +
				"IP address (`vip`); empty strings for Event functions.",
		},
		"status_reasons": schema.ListAttribute{
			Computed:    true,
			ElementType: types.ObjectType{AttrTypes: statusReasonAttrTypes},
			MarkdownDescription: "Why the function is in a failed status (`StatusReasons`), each an `error_code` and " +
				"an `error_message`; empty when it is `Active`.",
		},
	}
}

func imageConfigAttribute() schema.SingleNestedAttribute {
	optional := func(description string, v ...validator.String) schema.StringAttribute {
		return schema.StringAttribute{Optional: true, MarkdownDescription: description, Validators: v}
	}
	return schema.SingleNestedAttribute{
		Optional: true,
		MarkdownDescription: "A container image as the function's code (`ImageConfig`). An image function has " +
			"`runtime = \"CustomImage\"` (the default when this is set) and no `handler`. A new image, tag or digest " +
			"is deployed in place with `UpdateFunctionCode`.",
		Attributes: map[string]schema.Attribute{
			"image_type": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "Registry edition (`ImageType`): `personal` or `enterprise` (TCR).",
				Validators:          []validator.String{stringvalidator.OneOf(imagePersonal, imageEnterprise)},
			},
			"image_uri": schema.StringAttribute{
				Required: true,
				MarkdownDescription: "Image reference (`ImageUri`), such as `ccr.ccs.tencentyun.com/ns/app:v1`, " +
					"optionally pinned with `@sha256:<digest>`. The service reports the reference with the digest it " +
					"resolved (see `resolved_image_uri`); that is not a difference from a configured tag.",
				Validators: []validator.String{stringvalidator.RegexMatches(regexp.MustCompile(`^[^\s@]+(@sha256:[0-9a-f]{64})?$`),
					"must be an image reference without whitespace, optionally followed by @sha256:<64 hex digits>")},
			},
			"registry_id": optional("ID of the TCR enterprise instance (`RegistryId`); required when `image_type` is "+
				"`enterprise`.", stringvalidator.LengthAtLeast(1)),
			"command": optional("Start command of the container (`Command`), such as `python`; unset uses the image's "+
				"`ENTRYPOINT`.", stringvalidator.LengthAtLeast(1)),
			"args": optional("Arguments of the start command, separated by spaces (`Args`), such as `-u app.py`; unset "+
				"uses the image's `CMD`.", stringvalidator.LengthAtLeast(1)),
			"entry_point": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Deprecated by the API (`EntryPoint`); use `command` and `args`. Only " +
					"read back when set: an EntryPoint set outside Terraform, or found by an import, is not recorded and is " +
					"not sent with code updates.",
				// A warning of its own rather than a DeprecationMessage: see
				// validators.Retired.
				Validators: []validator.String{stringvalidator.LengthAtLeast(1),
					validators.Retired("ImageConfig.EntryPoint", "use `command` and `args` instead")},
			},
			"container_image_accelerate": schema.BoolAttribute{
				Optional:            true,
				MarkdownDescription: "Accelerates pulling the image (`ContainerImageAccelerate`). Unset means `false`.",
			},
			"image_port": schema.Int64Attribute{
				Optional: true,
				MarkdownDescription: fmt.Sprintf("Port the image's web server listens on (`ImagePort`), `1` to `65535`, or "+
					"`-1` for a job image without a port. Unset means `%d`.", defaultImagePort),
				Validators: []validator.Int64{int64validator.Any(int64validator.OneOf(-1), int64validator.Between(1, 65535))},
			},
		},
	}
}

func protocolParamsAttribute() schema.SingleNestedAttribute {
	return schema.SingleNestedAttribute{
		Optional: true,
		MarkdownDescription: "Settings of the protocol in `protocol_type` (`ProtocolParams`). Needs " +
			"`protocol_type = \"WS\"`. Removing it returns the settings to their defaults. Changes are applied in place.",
		Attributes: map[string]schema.Attribute{
			"ws_params": schema.SingleNestedAttribute{
				Optional:            true,
				MarkdownDescription: "WebSocket settings (`WSParams`).",
				Attributes: map[string]schema.Attribute{
					"idle_timeout": schema.Int64Attribute{
						Optional: true,
						MarkdownDescription: fmt.Sprintf("Seconds an idle connection stays open (`IdleTimeOut`), `1` to "+
							"`1800`. Unset means `%d`.", defaultWSIdleTimeout),
						Validators: []validator.Int64{int64validator.Between(1, 1800)},
					},
				},
			},
		},
	}
}

func instanceConcurrencyAttribute() schema.SingleNestedAttribute {
	positive := func(description string) schema.Int64Attribute {
		return schema.Int64Attribute{Optional: true, MarkdownDescription: description,
			Validators: []validator.Int64{int64validator.AtLeast(1)}}
	}
	return schema.SingleNestedAttribute{
		Optional: true,
		MarkdownDescription: "Several requests per instance (`InstanceConcurrencyConfig`). HTTP functions only. " +
			"Removing it returns the function to one request per instance. Changes are applied in place. GPU node " +
			"settings (`MixNodeConfig`) are not supported.",
		Attributes: map[string]schema.Attribute{
			"dynamic_enabled": schema.BoolAttribute{
				Optional:            true,
				MarkdownDescription: "Lets the service adjust the concurrency (`DynamicEnabled`). Unset means `false`: static concurrency.",
			},
			"max_concurrency": schema.Int64Attribute{
				Optional: true,
				MarkdownDescription: fmt.Sprintf("Maximum requests one instance serves at once (`MaxConcurrency`), `1` to "+
					"`100`. Unset means `%d`.", defaultMaxConcurrency),
				Validators: []validator.Int64{int64validator.Between(1, 100)},
			},
			"instance_isolation_enabled": schema.BoolAttribute{
				Optional:            true,
				MarkdownDescription: "Isolates instances for security (`InstanceIsolationEnabled`). Unset means `false`.",
			},
			"type": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "How requests are spread (`Type`): `Session-Based` or `Request-Based`.",
				Validators:          []validator.String{stringvalidator.OneOf(sessionBased, requestBased)},
			},
			"session_config": schema.SingleNestedAttribute{
				Optional:            true,
				MarkdownDescription: "Sessions (`SessionConfig`); needs `type = \"Session-Based\"`.",
				Attributes: map[string]schema.Attribute{
					"session_source": schema.StringAttribute{
						Required:            true,
						MarkdownDescription: "Where the session ID is read (`SessionSource`): `HEADER`, `COOKIE` or `QUERY_STRING`.",
						Validators:          []validator.String{stringvalidator.OneOf("HEADER", "COOKIE", "QUERY_STRING")},
					},
					"session_name": schema.StringAttribute{
						Required: true,
						MarkdownDescription: "Name of the header, cookie or query parameter (`SessionName`): 5 to 40 " +
							"characters of letters, digits, `_` and `-`, starting with a letter.",
						Validators: []validator.String{stringvalidator.RegexMatches(sessionNameRE,
							"must be 5 to 40 letters, digits, '_' or '-', starting with a letter")},
					},
					"maximum_concurrency_session_per_instance": positive("Most sessions one instance holds (`MaximumConcurrencySessionPerInstance`)."),
					"maximum_ttl_in_seconds":                   positive("Longest life of a session in seconds (`MaximumTTLInSeconds`)."),
					"maximum_idle_time_in_seconds":             positive("Longest idle time of a session in seconds (`MaximumIdleTimeInSeconds`)."),
					"session_path": schema.StringAttribute{
						Optional:            true,
						MarkdownDescription: "Path the session applies to (`SessionPath`).",
						Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
					},
					"idle_timeout_strategy": schema.StringAttribute{
						Optional: true,
						MarkdownDescription: "What happens to an idle session's instance (`IdleTimeoutStrategy`): `FATAL` " +
							"destroys it, `PAUSE` pauses it. Needs `instance_isolation_enabled = true`.",
						Validators: []validator.String{stringvalidator.OneOf("FATAL", "PAUSE")},
					},
				},
			},
		},
	}
}

func intranetAttribute() schema.SingleNestedAttribute {
	return schema.SingleNestedAttribute{
		Optional: true,
		MarkdownDescription: "Fixed intranet IP (`IntranetConfig`). Unset means no fixed intranet IP; removing it " +
			"releases the IP. Changes are applied in place.",
		Attributes: map[string]schema.Attribute{
			"ip_fixed": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "`ENABLE` or `DISABLE`.",
				Validators:          []validator.String{stringvalidator.OneOf(enable, disable)},
			},
			"ip_addresses": schema.ListAttribute{
				Computed:            true,
				ElementType:         types.StringType,
				MarkdownDescription: "The fixed intranet IP addresses, when `ip_fixed` is `ENABLE`.",
			},
		},
	}
}
