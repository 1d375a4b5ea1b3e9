package fakescf

import (
	"slices"
	"strings"
)

// parseFunctionResource splits
// qcs::scf:<region>:uin/<uin or empty>:namespace/<ns>/function/<name>.
func parseFunctionResource(res string) (region, ns, name string, ok bool) {
	rest, found := strings.CutPrefix(res, "qcs::scf:")
	if !found {
		return "", "", "", false
	}
	parts := strings.SplitN(rest, ":", 3)
	if len(parts) != 3 || parts[0] == "" || !strings.HasPrefix(parts[1], "uin/") {
		return "", "", "", false
	}
	path := strings.Split(parts[2], "/")
	if len(path) != 4 || path[0] != "namespace" || path[2] != "function" || path[1] == "" || path[3] == "" {
		return "", "", "", false
	}
	return parts[0], path[1], path[3], true
}

func (s *Server) modifyResourceTags(c *call) (response, *apiError) {
	var req modifyResourceTagsRequest
	if aerr := c.decode(&req); aerr != nil {
		return nil, aerr
	}
	_, ns, name, ok := parseFunctionResource(req.Resource)
	if !ok {
		return nil, errf("InvalidParameterValue.ResourceDescriptionError",
			"Resource must look like qcs::scf:<region>:uin/<uin>:namespace/<namespace>/function/<name>")
	}
	c.function = ns + "/" + name
	if len(req.ReplaceTags) == 0 && len(req.DeleteTags) == 0 {
		return nil, errf("MissingParameter", "ReplaceTags or DeleteTags must name at least one tag")
	}
	replaced := map[string]bool{}
	for _, t := range req.ReplaceTags {
		if aerr := checkTags([]tagKV{{Key: t.TagKey, Value: t.TagValue}}); aerr != nil {
			return nil, aerr
		}
		if replaced[t.TagKey] {
			return nil, errf("InvalidParameterValue", "Tags: ReplaceTags names key %q more than once", truncate(t.TagKey, 64))
		}
		replaced[t.TagKey] = true
	}
	for _, t := range req.DeleteTags {
		if aerr := checkTagKey(t.TagKey); aerr != nil {
			return nil, aerr
		}
		if replaced[t.TagKey] {
			return nil, errf("InvalidParameterValue", "Tags: key %q is both replaced and deleted", truncate(t.TagKey, 64))
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.settleLocked()
	f := s.st.Functions[fnKey(ns, name)]
	if f == nil {
		return nil, errf("ResourceNotFound", "resource %s does not exist", truncate(req.Resource, 200))
	}
	if f.Status == statusDeleting {
		return nil, errf("FailedOperation", "resource %s is being deleted", truncate(req.Resource, 200))
	}
	tags := slices.Clone(f.Config.Tags)
	for _, t := range req.ReplaceTags {
		if i := slices.IndexFunc(tags, func(x tagKV) bool { return x.Key == t.TagKey }); i >= 0 {
			tags[i].Value = t.TagValue
		} else {
			tags = append(tags, tagKV{Key: t.TagKey, Value: t.TagValue})
		}
	}
	for _, t := range req.DeleteTags {
		tags = slices.DeleteFunc(tags, func(x tagKV) bool { return x.Key == t.TagKey })
	}
	if aerr := checkTags(tags); aerr != nil {
		return nil, aerr
	}
	// Tags live in the tag service: the function's ModTime and status stay.
	f.Config.Tags = tags
	s.mutatedLocked()
	return &emptyResponse{}, nil
}
