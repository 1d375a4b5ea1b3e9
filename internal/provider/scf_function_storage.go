package provider

import (
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/objectvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

// What the function finds on disk besides its code: layer versions, and CFS
// file systems mounted into it with the addresses the service gives them.

// functionStorage is the storage of scf_function's model.
type functionStorage struct {
	Layers    types.List   `tfsdk:"layers"`
	CfsConfig types.Object `tfsdk:"cfs_config"`
	CfsMounts types.List   `tfsdk:"cfs_mounts"`
}

// layerModel maps one element of `layers`.
type layerModel struct {
	Name    types.String `tfsdk:"name"`
	Version types.Int64  `tfsdk:"version"`
}

// cfsConfigModel maps `cfs_config`.
type cfsConfigModel struct {
	CfsInsList types.List `tfsdk:"cfs_ins_list"`
}

// cfsInsModel maps one element of `cfs_config.cfs_ins_list`.
type cfsInsModel struct {
	UserID         types.String `tfsdk:"user_id"`
	UserGroupID    types.String `tfsdk:"user_group_id"`
	CfsID          types.String `tfsdk:"cfs_id"`
	MountInsID     types.String `tfsdk:"mount_ins_id"`
	LocalMountDir  types.String `tfsdk:"local_mount_dir"`
	RemoteMountDir types.String `tfsdk:"remote_mount_dir"`
}

// cfsMountModel maps one element of `cfs_mounts`, which the service reports.
type cfsMountModel struct {
	CfsID         types.String `tfsdk:"cfs_id"`
	MountInsID    types.String `tfsdk:"mount_ins_id"`
	LocalMountDir types.String `tfsdk:"local_mount_dir"`
	IPAddress     types.String `tfsdk:"ip_address"`
	MountVpcID    types.String `tfsdk:"mount_vpc_id"`
	MountSubnetID types.String `tfsdk:"mount_subnet_id"`
}

var (
	layerCodec    = nestedCodec[layerModel](layersAttribute())
	cfsCodec      = nestedCodec[cfsConfigModel](cfsAttribute())
	cfsInsCodec   = nestedCodec[cfsInsModel](cfsAttribute().Attributes["cfs_ins_list"])
	cfsMountCodec = flatCodec[cfsMountModel]()
)

func storageAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"layers":     layersAttribute(),
		"cfs_config": cfsAttribute(),
		// The read-only structured attributes are object-typed rather than
		// nested attributes: Terraform 1.5 and OpenTofu 1.6 crash generating
		// configuration (`plan -generate-config-out`) for a resource with a
		// read-only nested attribute. The state has the same shape either way.
		"cfs_mounts": schema.ListAttribute{
			Computed:    true,
			ElementType: cfsMountCodec.objectType(),
			MarkdownDescription: "The CFS mounts as the service reports them, in the order of " +
				"`cfs_config.cfs_ins_list`, with the addresses it assigned: for each, the file system (`cfs_id`), the " +
				"mount target (`mount_ins_id`), the directory inside the function (`local_mount_dir`), and the mount " +
				"target's IP address (`ip_address`), VPC (`mount_vpc_id`) and subnet (`mount_subnet_id`).",
		},
	}
}

func layersAttribute() schema.ListNestedAttribute {
	return schema.ListNestedAttribute{
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

var storageAPIErrorHints = map[string]apiErrorHint{
	"InvalidParameterValue.Layers":               {attribute: path.Root("layers"), advice: "Give at most 5 layers, each with a name and a version from 1."},
	"ResourceNotFound.Layer":                     {attribute: path.Root("layers"), advice: "Publish the layer version first, or fix its name or version."},
	"InvalidParameterValue.VpcNotSetWhenOpenCfs": {attribute: path.Root("cfs_config"), advice: "Mounting CFS needs `vpc_config`."},
}

// expandCreate puts the layers and mounts into CreateFunction.
func (s functionStorage) expandCreate(req *scfapi.CreateFunctionRequest, diags *diag.Diagnostics) {
	req.Layers = expandLayers(s.Layers, false, diags)
	req.CfsConfig = expandCfsConfig(s.CfsConfig, false, diags)
}

// expandUpdate adds the layers or mounts that changed to req, those removed
// as the API's clearing values, and reports whether there was any.
func (s functionStorage) expandUpdate(state functionStorage, req *scfapi.UpdateFunctionConfigurationRequest, diags *diag.Diagnostics) bool {
	var u update
	if u.differs(s.Layers, state.Layers) {
		req.Layers = expandLayers(s.Layers, true, diags)
	}
	if u.differs(s.CfsConfig, state.CfsConfig) {
		req.CfsConfig = expandCfsConfig(s.CfsConfig, true, diags)
	}
	return u.changed
}

// expandLayers keeps the configured order: later layers overwrite earlier
// ones. An empty list yields the clearing sentinel when clearIfEmpty is
// true: the API ignores an empty list.
func expandLayers(l types.List, clearIfEmpty bool, diags *diag.Diagnostics) []*scfapi.LayerVersionSimple {
	layers := layerCodec.elements(l, diags)
	if len(layers) == 0 {
		if !clearIfEmpty {
			return nil
		}
		return []*scfapi.LayerVersionSimple{{LayerName: ptr(""), LayerVersion: ptr(int64(0))}}
	}
	out := make([]*scfapi.LayerVersionSimple, 0, len(layers))
	for _, layer := range layers {
		out = append(out, &scfapi.LayerVersionSimple{LayerName: stringPtr(layer.Name), LayerVersion: int64Ptr(layer.Version)})
	}
	return out
}

func expandCfsConfig(obj types.Object, clearIfNull bool, diags *diag.Diagnostics) *scfapi.CfsConfig {
	cfs, ok := cfsCodec.get(obj, diags)
	if !ok {
		if clearIfNull {
			return &scfapi.CfsConfig{CfsInsList: []*scfapi.CfsInsInfo{}}
		}
		return nil
	}
	out := &scfapi.CfsConfig{CfsInsList: []*scfapi.CfsInsInfo{}}
	for _, m := range cfsInsCodec.elements(cfs.CfsInsList, diags) {
		out.CfsInsList = append(out.CfsInsList, &scfapi.CfsInsInfo{
			UserId: stringPtr(m.UserID), UserGroupId: stringPtr(m.UserGroupID), CfsId: stringPtr(m.CfsID),
			MountInsId: stringPtr(m.MountInsID), LocalMountDir: stringPtr(m.LocalMountDir), RemoteMountDir: stringPtr(m.RemoteMountDir),
		})
	}
	return out
}

// flatten reads the layers and mounts. No layers read as null where the
// model had none, so leaving `layers` out plans cleanly.
func (s *functionStorage) flatten(fn *scfapi.Function, diags *diag.Diagnostics) {
	if len(fn.Layers) == 0 && (s.Layers.IsNull() || s.Layers.IsUnknown()) {
		s.Layers = layerCodec.nullList()
	} else {
		layers := make([]layerModel, 0, len(fn.Layers))
		for _, l := range fn.Layers {
			layers = append(layers, layerModel{Name: types.StringValue(l.LayerName), Version: types.Int64Value(l.LayerVersion)})
		}
		s.Layers = layerCodec.list(layers, diags)
	}

	s.CfsConfig = cfsCodec.null()
	if len(fn.CfsConfig.CfsInsList) > 0 {
		mounts := make([]cfsInsModel, 0, len(fn.CfsConfig.CfsInsList))
		for _, m := range fn.CfsConfig.CfsInsList {
			mounts = append(mounts, cfsInsModel{
				UserID: types.StringValue(m.UserId), UserGroupID: types.StringValue(m.UserGroupId),
				CfsID: types.StringValue(m.CfsId), MountInsID: types.StringValue(m.MountInsId),
				LocalMountDir: types.StringValue(m.LocalMountDir), RemoteMountDir: types.StringValue(m.RemoteMountDir),
			})
		}
		s.CfsConfig = cfsCodec.value(cfsConfigModel{CfsInsList: cfsInsCodec.list(mounts, diags)}, diags)
	}

	reported := make([]cfsMountModel, 0, len(fn.CfsConfig.CfsInsList))
	for _, c := range fn.CfsConfig.CfsInsList {
		reported = append(reported, cfsMountModel{
			CfsID: types.StringValue(c.CfsId), MountInsID: types.StringValue(c.MountInsId),
			LocalMountDir: types.StringValue(c.LocalMountDir), IPAddress: types.StringValue(c.IpAddress),
			MountVpcID: types.StringValue(c.MountVpcId), MountSubnetID: types.StringValue(c.MountSubnetId),
		})
	}
	s.CfsMounts = cfsMountCodec.list(reported, diags)
}

// clearUnknowns is clearUnknowns of the resource for the storage's values.
func (s *functionStorage) clearUnknowns() {
	if s.CfsMounts.IsUnknown() {
		s.CfsMounts = cfsMountCodec.nullList()
	}
}

// keepReported plans the mounts the service reports while the mounts and
// the VPC they are reached through do not change.
func (s *functionStorage) keepReported(plan, state *scfFunctionResourceModel) {
	if s.CfsConfig.Equal(state.CfsConfig) && plan.VpcConfig.Equal(state.VpcConfig) {
		s.CfsMounts = state.CfsMounts
	}
}
