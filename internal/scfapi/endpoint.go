package scfapi

import (
	"fmt"
	"net/url"
	"strings"
)

const rootDomain = "tencentcloudapi.com"

// ResolveEndpoint returns the URL scheme ("http" or "https") and host[:port]
// that calls of service in region go to.
//
// A non-empty override (a URL with scheme and host, optionally a port) wins
// for every service. Finance regions ("-fsi") are isolated and only reachable
// through a host naming the region; every other region uses the service's
// nearest-region host, and the SDK sends the region in X-TC-Region.
func ResolveEndpoint(service, region, override string) (scheme, host string, err error) {
	if service == "" {
		return "", "", fmt.Errorf("scfapi: resolving an endpoint needs a service name")
	}
	if override != "" {
		return parseEndpoint(override)
	}
	if strings.HasSuffix(region, "-fsi") {
		return "https", service + "." + region + "." + rootDomain, nil
	}
	return "https", service + "." + rootDomain, nil
}

func parseEndpoint(raw string) (scheme, host string, err error) {
	bad := func(why string) error {
		return fmt.Errorf("scfapi: endpoint %q is not usable: %s; want a URL such as https://scf.tencentcloudapi.com or http://127.0.0.1:9000", raw, why)
	}
	u, err := url.Parse(raw)
	if err != nil {
		return "", "", bad("it does not parse as a URL")
	}
	scheme = strings.ToLower(u.Scheme)
	switch {
	case scheme != "http" && scheme != "https":
		return "", "", bad("the scheme must be http or https")
	case u.Host == "" || u.Hostname() == "":
		return "", "", bad("it has no host")
	case u.User != nil:
		return "", "", bad("it must not carry user information")
	case u.Path != "" && u.Path != "/":
		// The SDK would send to the path but always sign "/", so a path
		// would only produce signature failures.
		return "", "", bad("it must not have a path")
	case u.RawQuery != "" || u.Fragment != "" || u.ForceQuery:
		return "", "", bad("it must not have a query or fragment")
	}
	if port := u.Port(); strings.HasSuffix(u.Host, ":") || (port != "" && !allDigits(port)) {
		return "", "", bad("the port is not a number")
	}
	return scheme, u.Host, nil
}

func allDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}
