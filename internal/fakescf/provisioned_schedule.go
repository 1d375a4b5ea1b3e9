package fakescf

// Scheduled provisioned concurrency: PutProvisionedConcurrencyConfig's
// TriggerActions, returned per version by GetProvisionedConcurrencyConfig.
//
// Rules the documentation states (the TriggerAction data type, the
// PutProvisionedConcurrencyConfig error codes and the "scheduled
// provisioned concurrency" guide): each action has a name, a target number
// of instances (0 stops provisioning, the guide's example) and a
// seven-field cron expression as timer triggers take it; its type is
// Default; names and cron expressions are unique within a version
// (InvalidParameterValue.ProvisionTriggerNameDuplicate,
// InvalidParameterValue.ProvisionTriggerCronConfigDuplicate); the number of
// actions per version has a quota (LimitExceeded.ProvisionTriggerAction).
// What the fake assumes where the documentation is silent: that quota is
// maxProvisionTriggerActions; a name is 1 to 100 characters; each target
// must fit the function's room as the static number does; a Put replaces
// the version's actions with those it carries. The fake stores the actions
// and never fires them.

import (
	"unicode/utf8"

	"github.com/scfprovider/terraform-provider-scf/internal/scfcron"
)

const (
	maxProvisionTriggerActions = 20
	maxProvisionTriggerName    = 100
)

type triggerActionIn struct {
	TriggerName                      *string
	TriggerProvisionedConcurrencyNum *int64
	TriggerCronConfig                *string
	ProvisionedType                  *string
}

// scheduledProvision is a stored action, persisted with -state.
type scheduledProvision struct {
	Name string `json:"name"`
	Num  int64  `json:"num"`
	Cron string `json:"cron"`
}

type triggerActionOut struct {
	TriggerName                      string
	TriggerProvisionedConcurrencyNum int64
	TriggerCronConfig                string
	ProvisionedType                  string
}

func (s *Server) checkTriggerActionsLocked(f *functionRecord, q string, in []triggerActionIn) ([]scheduledProvision, *apiError) {
	if len(in) > maxProvisionTriggerActions {
		return nil, errf("LimitExceeded.ProvisionTriggerAction", "a version can have at most %d scheduled actions; got %d", maxProvisionTriggerActions, len(in))
	}
	out := make([]scheduledProvision, 0, len(in))
	names, crons := map[string]bool{}, map[string]bool{}
	for i, a := range in {
		switch {
		case a.TriggerName == nil || *a.TriggerName == "" || utf8.RuneCountInString(*a.TriggerName) > maxProvisionTriggerName:
			return nil, errf("InvalidParameterValue.ProvisionTriggerName", "TriggerActions[%d].TriggerName must be 1 to %d characters", i, maxProvisionTriggerName)
		case names[*a.TriggerName]:
			return nil, errf("InvalidParameterValue.ProvisionTriggerNameDuplicate", "two scheduled actions are named %q", truncate(*a.TriggerName, 100))
		case a.TriggerProvisionedConcurrencyNum == nil || *a.TriggerProvisionedConcurrencyNum < 0:
			return nil, errf("InvalidParameterValue.TriggerProvisionedConcurrencyNum", "TriggerActions[%d].TriggerProvisionedConcurrencyNum must be 0 or more", i)
		case a.TriggerCronConfig == nil:
			return nil, errf("InvalidParameterValue.TriggerCronConfig", "TriggerActions[%d].TriggerCronConfig is required", i)
		case a.ProvisionedType != nil && *a.ProvisionedType != "" && *a.ProvisionedType != "Default":
			return nil, errf("InvalidParameterValue.ProvisionType", "TriggerActions[%d].ProvisionedType must be Default; got %q", i, truncate(*a.ProvisionedType, 40))
		}
		if err := scfcron.Check(*a.TriggerCronConfig); err != nil {
			return nil, errf("InvalidParameterValue.TriggerCronConfig", "TriggerActions[%d].TriggerCronConfig %q: %s", i, truncate(*a.TriggerCronConfig, 100), err)
		}
		if crons[*a.TriggerCronConfig] {
			return nil, errf("InvalidParameterValue.ProvisionTriggerCronConfigDuplicate", "two scheduled actions fire at %q", *a.TriggerCronConfig)
		}
		if aerr := s.checkProvisionedRoomLocked(f, q, *a.TriggerProvisionedConcurrencyNum); aerr != nil {
			return nil, aerr
		}
		names[*a.TriggerName], crons[*a.TriggerCronConfig] = true, true
		out = append(out, scheduledProvision{Name: *a.TriggerName, Num: *a.TriggerProvisionedConcurrencyNum, Cron: *a.TriggerCronConfig})
	}
	return out, nil
}

func triggerActionsView(actions []scheduledProvision) []triggerActionOut {
	out := make([]triggerActionOut, 0, len(actions))
	for _, a := range actions {
		out = append(out, triggerActionOut{TriggerName: a.Name, TriggerProvisionedConcurrencyNum: a.Num, TriggerCronConfig: a.Cron, ProvisionedType: "Default"})
	}
	return out
}
