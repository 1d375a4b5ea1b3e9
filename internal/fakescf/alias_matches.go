package fakescf

// Rule-based alias routing, RoutingConfig.AddtionVersionMatchs (sic).
//
// Rules the documentation states (the VersionMatch data type and the
// "traffic routing configuration" guide): Key is invoke.headers.<userKey>,
// the userKey entry of an Invoke call's RoutingKey; Method is exact (the
// value equals Expression as a string) or range (Expression is an open
// "(a,b)" or closed "[a,b]" interval, a and b integers); weighted and
// rule-based routing are two alternative schemes; an alias routes to one
// additional version besides its main one. What the fake assumes where the
// documentation is silent: the two schemes in one request are
// InvalidParameterValue.RoutingConfig, as are a bad key, method or
// expression, a range whose lower bound is not below its upper bound, rules
// naming different versions, and a rule naming the main version; a rule
// missing a field is InvalidParameter.RoutingConfig; half-open intervals
// such as "[0,40)", which the documentation does not show, are refused.

import (
	"regexp"
	"strconv"
)

var (
	matchKeyRE   = regexp.MustCompile("^invoke\\.headers\\.[!#$%&'*+.^_`|~0-9A-Za-z-]+$")
	matchRangeRE = regexp.MustCompile(`^(?:\((-?\d+),(-?\d+)\)|\[(-?\d+),(-?\d+)\])$`)
)

func checkVersionMatches(f *functionRecord, main string, rc *routingConfig) *apiError {
	if len(rc.AddtionVersionMatchs) == 0 {
		return nil
	}
	if len(rc.AdditionalVersionWeights) > 0 {
		return errf("InvalidParameterValue.RoutingConfig", "an alias routes by weight (AdditionalVersionWeights) or by rule (AddtionVersionMatchs), not both")
	}
	first := ""
	for i, m := range rc.AddtionVersionMatchs {
		if m.Version == nil || *m.Version == "" || m.Key == nil || m.Method == nil || m.Expression == nil {
			return errf("InvalidParameter.RoutingConfig", "AddtionVersionMatchs[%d] needs Version, Key, Method and Expression", i)
		}
		switch {
		case *m.Version == main:
			return errf("InvalidParameterValue.RoutingConfig", "AddtionVersionMatchs[%d].Version %s is the alias's main version", i, *m.Version)
		case first != "" && *m.Version != first:
			return errf("InvalidParameterValue.RoutingConfig", "AddtionVersionMatchs name versions %s and %s; an alias has one additional version", first, truncate(*m.Version, 32))
		case !versionExists(f, *m.Version):
			return errf("ResourceNotFound.FunctionVersion", "version %q of function %s does not exist", truncate(*m.Version, 32), f.Name)
		case !matchKeyRE.MatchString(*m.Key):
			return errf("InvalidParameterValue.RoutingConfig", "AddtionVersionMatchs[%d].Key must be invoke.headers.<userKey>; got %q", i, truncate(*m.Key, 80))
		}
		first = *m.Version
		switch *m.Method {
		case "exact":
			if *m.Expression == "" {
				return errf("InvalidParameterValue.RoutingConfig", "AddtionVersionMatchs[%d].Expression must not be empty", i)
			}
		case "range":
			if msg := checkMatchRange(*m.Expression); msg != "" {
				return errf("InvalidParameterValue.RoutingConfig", "AddtionVersionMatchs[%d].Expression %q %s", i, truncate(*m.Expression, 80), msg)
			}
		default:
			return errf("InvalidParameterValue.RoutingConfig", "AddtionVersionMatchs[%d].Method must be exact or range; got %q", i, truncate(*m.Method, 32))
		}
	}
	return nil
}

func checkMatchRange(expr string) string {
	m := matchRangeRE.FindStringSubmatch(expr)
	if m == nil {
		return "must be (a,b) or [a,b] with integers a and b"
	}
	a, errA := strconv.ParseInt(m[1]+m[3], 10, 64)
	b, errB := strconv.ParseInt(m[2]+m[4], 10, 64)
	if errA != nil || errB != nil || a >= b {
		return "must have integer bounds with the lower one below the upper one"
	}
	return ""
}
