package fakescf

import (
	"archive/zip"
	"bytes"
	"encoding/base64"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

type codeMode int

const (
	codeForCreate codeMode = iota
	codeForUpdate
)

// codeSources names the sources set in c, using CodeSource's vocabulary.
func codeSources(c *codeIn) []string {
	var src []string
	if c.ZipFile != "" {
		src = append(src, "ZipFile")
	}
	if c.CosBucketName != "" || c.CosObjectName != "" {
		src = append(src, "Cos")
	}
	if c.DemoId != "" {
		src = append(src, "Demo")
	}
	if c.TempCosObjectName != "" {
		src = append(src, "TempCos")
	}
	if c.GitUrl != "" || c.GitUserName != "" || c.GitPassword != "" || c.GitPasswordSecret != "" ||
		c.GitBranch != "" || c.GitDirectory != "" || c.GitCommitId != "" || c.GitUserNameSecret != "" {
		src = append(src, "Git")
	}
	if c.ImageConfig != nil {
		src = append(src, "Image")
	}
	return src
}

// checkCode validates a Code object and describes the deployed package.
func (s *Server) checkCode(c *codeIn, codeSource *string, mode codeMode) (codeRecord, *apiError) {
	var src []string
	if c != nil {
		src = codeSources(c)
	}
	if len(src) == 0 {
		return codeRecord{}, errf("MissingParameter.Code",
			"Code must name one source: ZipFile, CosBucketName with CosObjectName, DemoId, TempCosObjectName, GitUrl or ImageConfig")
	}
	if slices.Contains(src, "ZipFile") && slices.Contains(src, "Cos") {
		return codeRecord{}, errf("InvalidParameterValue.Code", "You cannot specify Cos and ZipFile at the same time")
	}
	if len(src) > 1 {
		return codeRecord{}, errf("InvalidParameterValue.Code", "Code must name exactly one source; got %s", strings.Join(src, " and "))
	}
	if aerr := checkCodeSource(src[0], codeSource, mode); aerr != nil {
		return codeRecord{}, aerr
	}
	switch src[0] {
	case "ZipFile":
		limit := maxZipCreate
		if mode == codeForUpdate {
			limit = maxZipUpdate
		}
		return checkZip(c.ZipFile, limit)
	case "Cos":
		return s.checkCos(c.CosBucketName, c.CosObjectName, c.CosBucketRegion)
	case "Demo":
		if !s.fixtures.hasDemo(c.DemoId) {
			return codeRecord{}, errf("ResourceNotFound.Demo", "demo %q does not exist", truncate(c.DemoId, 64))
		}
		return codeRecord{Source: "Demo", Sha256: sha256Hex([]byte(c.DemoId))}, nil
	case "TempCos":
		m := tempCosRE.FindStringSubmatch(c.TempCosObjectName)
		if m == nil {
			return codeRecord{}, errf("InvalidParameterValue.TempCosObjectName", "TempCosObjectName must look like /<appid>/<path>.zip or .jar")
		}
		if m[1] != strconv.FormatInt(s.fixtures.AppID, 10) {
			return codeRecord{}, errf("UnauthorizedOperation.TempCosAppid", "the APPID in TempCosObjectName is not the APPID of this account")
		}
		return codeRecord{Source: "TempCos", Sha256: sha256Hex([]byte(c.TempCosObjectName))}, nil
	case "Git":
		return s.checkGit(c)
	}
	return checkImage(c.ImageConfig)
}

func checkCodeSource(src string, codeSource *string, mode codeMode) *apiError {
	cs := ""
	if codeSource != nil {
		cs = *codeSource
	}
	allowed := []string{"ZipFile", "Cos", "Demo", "TempCos", "Git"}
	if mode == codeForUpdate {
		allowed = []string{"ZipFile", "Cos", "Inline"}
	}
	if cs != "" && !slices.Contains(allowed, cs) {
		return errf("InvalidParameterValue.CodeSource", "CodeSource must be one of %s; got %q", strings.Join(allowed, ", "), truncate(cs, 32))
	}
	if mode == codeForCreate && src == "Git" && cs != "Git" {
		return errf("InvalidParameterValue.CodeSource", "CodeSource must be Git when Code has Git fields")
	}
	if cs == "Inline" {
		cs = "ZipFile"
	}
	if cs != "" && cs != src {
		return errf("InvalidParameterValue.CodeSource", "CodeSource %s does not match the code given (%s)", cs, src)
	}
	return nil
}

func checkZip(b64 string, limit int) (codeRecord, *apiError) {
	if base64.StdEncoding.DecodedLen(len(b64)) > limit+3 {
		return codeRecord{}, errf("InvalidParameterValue.ZipFile", "the ZipFile package exceeds %d bytes", limit)
	}
	raw, err := base64.StdEncoding.DecodeString(b64)
	if err != nil {
		return codeRecord{}, errf("InvalidParameterValue.ZipFile", "ZipFile is not valid base64")
	}
	if len(raw) > limit {
		return codeRecord{}, errf("InvalidParameterValue.ZipFile", "the ZipFile package is %d bytes; the limit is %d", len(raw), limit)
	}
	if _, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw))); err != nil {
		return codeRecord{}, errf("InvalidParameterValue.ZipFile", zipBadMessage)
	}
	return codeRecord{Source: "ZipFile", Size: int64(len(raw)), Sha256: sha256Hex(raw), Zip: raw}, nil
}

func (s *Server) checkCos(bucket, object, region string) (codeRecord, *apiError) {
	if !cosBucketRE.MatchString(bucket) || appIDSuffixRE.MatchString(bucket) {
		return codeRecord{}, errf("InvalidParameterValue.CosBucketName",
			"CosBucketName must be 2 to 50 lower-case letters, digits or '-', given without the -<appid> suffix; got %q", truncate(bucket, 64))
	}
	if !strings.HasPrefix(object, "/") || (!strings.HasSuffix(object, ".zip") && !strings.HasSuffix(object, ".jar")) {
		return codeRecord{}, errf("InvalidParameterValue.CosObjectName", "CosObjectName must start with '/' and end with .zip or .jar; got %q", truncate(object, 128))
	}
	if region != "" && !s.fixtures.hasRegion(region) {
		return codeRecord{}, errf("InvalidParameterValue.Cos", "CosBucketRegion %q is not a known region", truncate(region, 32))
	}
	o := s.fixtures.cosObject(bucket, object, region)
	if o == nil {
		return codeRecord{}, errf("InvalidParameterValue.Cos", "COS object %s in bucket %s was not found", truncate(object, 128), bucket)
	}
	if o.Denied {
		return codeRecord{}, errf("UnauthorizedOperation.Role", "the function role may not read COS object %s in bucket %s", object, bucket)
	}
	return codeRecord{Source: "Cos", Size: o.Size, Sha256: o.Sha256}, nil
}

// checkGit never quotes the URL, which may carry credentials.
func (s *Server) checkGit(c *codeIn) (codeRecord, *apiError) {
	u, err := url.Parse(c.GitUrl)
	if c.GitUrl == "" || err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return codeRecord{}, errf("InvalidParameterValue.Code", "GitUrl must be an http or https URL")
	}
	users := btoi(c.GitUserName != "") + btoi(c.GitUserNameSecret != "")
	passwords := btoi(c.GitPassword != "") + btoi(c.GitPasswordSecret != "")
	switch {
	case passwords == 2:
		return codeRecord{}, errf("InvalidParameterValue.CodeSecret", "give GitPassword or GitPasswordSecret, not both")
	case users == 2:
		return codeRecord{}, errf("InvalidParameterValue.CodeSecret", "give GitUserName or GitUserNameSecret, not both")
	case users != passwords:
		return codeRecord{}, errf("InvalidParameterValue.CodeSecret", "a Git user name needs a password, and a password needs a user name")
	}
	u.User = nil
	clean := u.String()
	if !s.fixtures.hasGitRepo(clean) {
		return codeRecord{}, errf("InvalidParameterValue.Code", "the Git repository could not be cloned")
	}
	return codeRecord{Source: "Git", Sha256: sha256Hex([]byte(clean))}, nil
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// checkImage answers the SDK's ImageType, ImageUri and RegistryId codes.
// ImagePort has none of its own (InvalidParameterValue.Port is not said to
// be about it, and UpdateFunctionCode does not list it), so a bad port is a
// Code error. The new ImageConfig replaces the old one as a whole: what it
// leaves out takes the defaults (ImagePort 9000, no Command or Args).
func checkImage(ic *imageConfigIn) (codeRecord, *apiError) {
	if ic.ImageType != "personal" && ic.ImageType != "enterprise" {
		return codeRecord{}, errf("InvalidParameterValue.ImageType", "ImageConfig.ImageType must be personal or enterprise; got %q", truncate(ic.ImageType, 32))
	}
	if ic.ImageUri == "" || strings.ContainsFunc(ic.ImageUri, unicode.IsSpace) {
		return codeRecord{}, errf("InvalidParameterValue.ImageUri", "ImageConfig.ImageUri must be a non-empty image reference without whitespace")
	}
	if ic.ImageType == "enterprise" && ic.RegistryId == "" {
		return codeRecord{}, errf("InvalidParameterValue.RegistryId", "ImageConfig.RegistryId is required for enterprise images")
	}
	port := int64(9000)
	if ic.ImagePort != nil {
		port = *ic.ImagePort
		if port != -1 && (port < 1 || port > 65535) {
			return codeRecord{}, errf("InvalidParameterValue.Code", "ImageConfig.ImagePort must be -1 or 1 to 65535; got %d", port)
		}
	}
	uri := normalizeImageURI(ic.ImageUri)
	img := &imageRecord{
		ImageType: ic.ImageType, ImageURI: uri, RegistryID: ic.RegistryId, EntryPoint: ic.EntryPoint,
		Command: ic.Command, Args: ic.Args, ImagePort: port,
		ContainerImageAccelerate: ic.ContainerImageAccelerate != nil && *ic.ContainerImageAccelerate,
	}
	return codeRecord{Source: "Image", Sha256: sha256Hex([]byte(uri)), Image: img}, nil
}

// normalizeImageURI returns repo:tag@sha256:digest as the real service does.
// A digest the client gave is kept as sent. Otherwise the fake stands in for
// the registry's answer with a digest derived from repo:tag, so it is stable
// for one tag, changes with the tag, and is the same for "repo" and
// "repo:latest".
func normalizeImageURI(u string) string {
	base, digest, hasDigest := strings.Cut(u, "@")
	if !strings.Contains(base[strings.LastIndex(base, "/")+1:], ":") {
		base += ":latest"
	}
	if !hasDigest {
		digest = "sha256:" + sha256Hex([]byte(base))
	}
	return fmt.Sprintf("%s@%s", base, digest)
}
