package fakescf

import (
	"crypto/sha256"
	"fmt"
	"slices"
)

// fakeIP derives a stable address from the function ID inside a
// documentation range, so it is obviously not a real address.
func fakeIP(prefix, seed string) string {
	sum := sha256.Sum256([]byte(seed))
	return fmt.Sprintf("%s.%d", prefix, int(sum[0])%250+2)
}

func statusDesc(f *functionRecord) string {
	if len(f.StatusReasons) > 0 {
		return f.StatusReasons[0].ErrorMessage
	}
	return ""
}

func tagsOut(tags []tagKV) []tagOut {
	out := make([]tagOut, 0, len(tags))
	for _, t := range tags {
		out = append(out, tagOut(t))
	}
	return out
}

func reasonsOut(r []StatusReason) []StatusReason {
	if r == nil {
		return []StatusReason{}
	}
	return slices.Clone(r)
}

// detail renders GetFunction, with the documented empty shapes instead of
// nulls because clients dereference these objects without checks. region is
// the one the request named; only the invented AccessInfo host shows it.
func (s *Server) detail(f *functionRecord, region string) *getFunctionResponse {
	cfg := &f.Config
	r := &getFunctionResponse{
		ModTime:           apiTime(f.ModTime),
		AddTime:           apiTime(f.AddTime),
		Description:       cfg.Description,
		Handler:           cfg.Handler,
		Triggers:          triggersOut(f),
		CodeSize:          f.Code.Size,
		Timeout:           cfg.Timeout,
		FunctionVersion:   latestQualifier,
		MemorySize:        cfg.MemorySize,
		Runtime:           cfg.Runtime,
		FunctionName:      f.Name,
		FunctionId:        f.FunctionID,
		Namespace:         f.Namespace,
		VpcConfig:         vpcConfigOut{VpcId: cfg.VpcID, SubnetId: cfg.SubnetID},
		UseGpu:            flagFalse,
		Environment:       environmentOut{Variables: make([]variableOut, 0, len(cfg.Env))},
		CodeResult:        "success",
		Role:              cfg.Role,
		InstallDependency: cfg.InstallDependency,
		Status:            f.Status,
		StatusDesc:        statusDesc(f),
		ClsLogsetId:       cfg.ClsLogsetID,
		ClsTopicId:        cfg.ClsTopicID,
		L5Enable:          cfg.L5Enable,
		OnsEnable:         flagFalse,
		DnsCache:          cfg.DNSCache,
		AsyncRunEnable:    cfg.AsyncRunEnable,
		TraceEnable:       cfg.TraceEnable,
		StatusReasons:     reasonsOut(f.StatusReasons),
		AvailableStatus:   "Available",
		Tags:              tagsOut(cfg.Tags),
		EipConfig:         eipOutConfig{EipFixed: flagFalse, Eips: []string{}},
		Type:              cfg.Type,
		Layers:            make([]layerVersionOut, 0, len(cfg.Layers)),
		DeadLetterConfig:  deadLetterOut(cfg.DeadLetter),
		PublicNetConfig: publicNetOut{
			PublicNetStatus: cfg.PublicNetStatus,
			EipConfig:       eipConfigOut{EipStatus: cfg.EipStatus, EipAddress: []string{}},
		},
		CfsConfig:      cfsConfigOut{CfsInsList: make([]cfsInsOut, 0, len(cfg.Cfs))},
		ProtocolType:   cfg.ProtocolType,
		IntranetConfig: intranetOut{IpFixed: cfg.IntranetIPFixed},
		Qualifier:      latestQualifier,
		InitTimeout:    cfg.InitTimeout,
	}
	for _, v := range cfg.Env {
		r.Environment.Variables = append(r.Environment.Variables, variableOut(v))
	}
	if cfg.EipStatus == enable {
		ip := fakeIP("203.0.113", f.FunctionID)
		r.EipConfig = eipOutConfig{EipFixed: flagTrue, Eips: []string{ip}}
		r.PublicNetConfig.EipConfig.EipAddress = []string{ip}
	}
	if cfg.IntranetIPFixed == enable {
		r.IntranetConfig.IpAddress = []string{fakeIP("10.0.0", f.FunctionID)}
	}
	for _, l := range cfg.Layers {
		r.Layers = append(r.Layers, s.layerOutLocked(l))
	}
	for _, c := range cfg.Cfs {
		r.CfsConfig.CfsInsList = append(r.CfsConfig.CfsInsList, cfsInsOut{
			UserId: c.UserID, UserGroupId: c.UserGroupID, CfsId: c.CfsID, MountInsId: c.MountInsID,
			LocalMountDir: c.LocalMountDir, RemoteMountDir: c.RemoteMountDir,
			IpAddress: fakeIP("10.0.1", c.MountInsID), MountVpcId: cfg.VpcID, MountSubnetId: cfg.SubnetID,
		})
	}
	if img := f.Code.Image; img != nil {
		r.ImageConfig = &imageConfigOut{
			ImageType: img.ImageType, ImageUri: img.ImageURI, RegistryId: img.RegistryID, EntryPoint: img.EntryPoint,
			Command: img.Command, Args: img.Args, ContainerImageAccelerate: img.ContainerImageAccelerate, ImagePort: img.ImagePort,
		}
	}
	if cfg.ProtocolType == "WS" {
		r.ProtocolParams = &protocolParamsOut{WSParams: &wsParamsOut{IdleTimeOut: cfg.WSIdleTimeout}}
	}
	if cc := cfg.Concurrency; cc != nil {
		r.InstanceConcurrencyConfig = concurrencyOut(cc)
	}
	if cfg.Type == typeHTTP {
		r.AccessInfo = s.accessInfo(f, region)
	}
	return r
}

func concurrencyOut(cc *concurrencyConfig) *instanceConcurrencyOut {
	out := &instanceConcurrencyOut{
		DynamicEnabled: cc.DynamicEnabled, MaxConcurrency: cc.MaxConcurrency,
		InstanceIsolationEnabled: cc.InstanceIsolationEnabled, Type: cc.Type,
		MixNodeConfig: make([]mixNodeOut, 0, len(cc.MixNodeConfig)),
	}
	for _, n := range cc.MixNodeConfig {
		out.MixNodeConfig = append(out.MixNodeConfig, mixNodeOut(n))
	}
	if sc := cc.SessionConfig; sc != nil {
		so := sessionConfigOut(*sc)
		out.SessionConfig = &so
	}
	return out
}

// accessInfo invents the address of a web function. The real service answers
// an API gateway host such as service-xxx-<appid>.<region>.apigw.tencentcs.com
// and a VIP; the fake's host, <functionId>-<appid>.<region>.scf.tencentcs.com,
// has the same shape but is made up and does not resolve, and the VIP comes
// from a documentation range. Both are stable for a function and region.
// Event functions keep empty strings, as in the documented example.
func (s *Server) accessInfo(f *functionRecord, region string) accessInfoOut {
	region = orDefault(region, "ap-guangzhou")
	return accessInfoOut{
		Host: fmt.Sprintf("%s-%d.%s.scf.tencentcs.com", f.FunctionID, s.fixtures.AppID, region),
		Vip:  fakeIP("198.51.100", f.FunctionID),
	}
}

func summary(f *functionRecord) functionSummaryOut {
	return functionSummaryOut{
		ModTime:        apiTime(f.ModTime),
		AddTime:        apiTime(f.AddTime),
		Runtime:        f.Config.Runtime,
		FunctionName:   f.Name,
		FunctionId:     f.FunctionID,
		Namespace:      f.Namespace,
		Status:         f.Status,
		StatusDesc:     statusDesc(f),
		Description:    f.Config.Description,
		Tags:           tagsOut(f.Config.Tags),
		Type:           f.Config.Type,
		StatusReasons:  reasonsOut(f.StatusReasons),
		AsyncRunEnable: f.Config.AsyncRunEnable,
		TraceEnable:    f.Config.TraceEnable,
	}
}
