package main

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// The part of `terraform providers schema -json` output that describes the
// resources. Nothing in the module turns that format into a provider schema
// (terraform-json reads it into cty types, which the framework does not
// take), hence this small reader.
type schemaFile struct {
	ResourceSchemas map[string]struct {
		Version int64         `json:"version"`
		Block   recordedBlock `json:"block"`
	} `json:"resource_schemas"`
}

type recordedBlock struct {
	Attributes map[string]recordedAttribute `json:"attributes"`
	BlockTypes map[string]recordedBlockType `json:"block_types"`
}

type recordedAttribute struct {
	Type        json.RawMessage `json:"type"`
	Description string          `json:"description"`
	Required    bool            `json:"required"`
	Optional    bool            `json:"optional"`
	Computed    bool            `json:"computed"`
	Sensitive   bool            `json:"sensitive"`
}

type recordedBlockType struct {
	NestingMode string        `json:"nesting_mode"`
	Block       recordedBlock `json:"block"`
}

// parseRecordedSchema reads the schema of every resource the file records,
// by type name.
func parseRecordedSchema(raw []byte) (map[string]rschema.Schema, error) {
	var file schemaFile
	if err := json.Unmarshal(raw, &file); err != nil {
		return nil, err
	}
	if len(file.ResourceSchemas) == 0 {
		return nil, errors.New("the recorded schema has no resources")
	}
	schemas := make(map[string]rschema.Schema, len(file.ResourceSchemas))
	for typeName, recorded := range file.ResourceSchemas {
		attrs, blocks, err := convertBlock(recorded.Block)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", typeName, err)
		}
		schemas[typeName] = rschema.Schema{Version: recorded.Version, Attributes: attrs, Blocks: blocks}
	}
	return schemas, nil
}

func convertBlock(b recordedBlock) (map[string]rschema.Attribute, map[string]rschema.Block, error) {
	attrs := make(map[string]rschema.Attribute, len(b.Attributes))
	for name, a := range b.Attributes {
		converted, err := convertAttribute(a)
		if err != nil {
			return nil, nil, fmt.Errorf("attribute %s: %w", name, err)
		}
		attrs[name] = converted
	}
	blocks := make(map[string]rschema.Block, len(b.BlockTypes))
	for name, bt := range b.BlockTypes {
		nestedAttrs, nestedBlocks, err := convertBlock(bt.Block)
		if err != nil {
			return nil, nil, fmt.Errorf("block %s: %w", name, err)
		}
		object := rschema.NestedBlockObject{Attributes: nestedAttrs, Blocks: nestedBlocks}
		switch bt.NestingMode {
		case "list":
			blocks[name] = rschema.ListNestedBlock{NestedObject: object}
		case "set":
			blocks[name] = rschema.SetNestedBlock{NestedObject: object}
		default:
			return nil, nil, fmt.Errorf("block %s: nesting mode %q is not supported", name, bt.NestingMode)
		}
	}
	return attrs, blocks, nil
}

func convertAttribute(a recordedAttribute) (rschema.Attribute, error) {
	t, err := convertType(a.Type)
	if err != nil {
		return nil, err
	}
	req, opt, comp, sens, desc := a.Required, a.Optional, a.Computed, a.Sensitive, a.Description
	switch t := t.(type) {
	case types.ListType:
		return rschema.ListAttribute{ElementType: t.ElemType, Required: req, Optional: opt, Computed: comp, Sensitive: sens, Description: desc}, nil
	case types.SetType:
		return rschema.SetAttribute{ElementType: t.ElemType, Required: req, Optional: opt, Computed: comp, Sensitive: sens, Description: desc}, nil
	case types.MapType:
		return rschema.MapAttribute{ElementType: t.ElemType, Required: req, Optional: opt, Computed: comp, Sensitive: sens, Description: desc}, nil
	case types.ObjectType:
		return rschema.ObjectAttribute{AttributeTypes: t.AttrTypes, Required: req, Optional: opt, Computed: comp, Sensitive: sens, Description: desc}, nil
	}
	switch t {
	case types.StringType:
		return rschema.StringAttribute{Required: req, Optional: opt, Computed: comp, Sensitive: sens, Description: desc}, nil
	case types.NumberType:
		return rschema.NumberAttribute{Required: req, Optional: opt, Computed: comp, Sensitive: sens, Description: desc}, nil
	case types.BoolType:
		return rschema.BoolAttribute{Required: req, Optional: opt, Computed: comp, Sensitive: sens, Description: desc}, nil
	}
	return nil, fmt.Errorf("type %s is not supported", t)
}

// convertType reads a type in Terraform's JSON form: "string", or
// ["list", <type>], ["object", {name: <type>}] and the like.
func convertType(raw json.RawMessage) (attr.Type, error) {
	var primitive string
	if json.Unmarshal(raw, &primitive) == nil {
		switch primitive {
		case "string":
			return types.StringType, nil
		case "number":
			return types.NumberType, nil
		case "bool":
			return types.BoolType, nil
		}
		return nil, fmt.Errorf("type %q is not supported", primitive)
	}
	var pair []json.RawMessage
	if err := json.Unmarshal(raw, &pair); err != nil || len(pair) != 2 {
		return nil, fmt.Errorf("type %s is not a type", raw)
	}
	var kind string
	if err := json.Unmarshal(pair[0], &kind); err != nil {
		return nil, fmt.Errorf("type %s: %w", raw, err)
	}
	if kind == "object" {
		var fields map[string]json.RawMessage
		if err := json.Unmarshal(pair[1], &fields); err != nil {
			return nil, fmt.Errorf("type %s: %w", raw, err)
		}
		attrTypes := make(map[string]attr.Type, len(fields))
		for name, f := range fields {
			ft, err := convertType(f)
			if err != nil {
				return nil, err
			}
			attrTypes[name] = ft
		}
		return types.ObjectType{AttrTypes: attrTypes}, nil
	}
	elem, err := convertType(pair[1])
	if err != nil {
		return nil, err
	}
	switch kind {
	case "list":
		return types.ListType{ElemType: elem}, nil
	case "set":
		return types.SetType{ElemType: elem}, nil
	case "map":
		return types.MapType{ElemType: elem}, nil
	}
	return nil, fmt.Errorf("type %s: kind %q is not supported", raw, kind)
}
