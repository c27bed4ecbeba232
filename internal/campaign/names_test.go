package campaign

import (
	"testing"

	"github.com/rosterhq/roster/internal/i18n"
)

// TestDynamicKeysExist covers the message keys built at run time from
// statuses, kinds, metrics, channels and the fields a refused status move
// names, which the source scan in internal/i18n cannot see.
func TestDynamicKeysExist(t *testing.T) {
	var keys []string
	for _, s := range Statuses {
		keys = append(keys, "campaign.status."+s, "campaign.move_to."+s)
	}
	for _, k := range Kinds {
		keys = append(keys, "campaign.kind."+k)
	}
	for _, m := range KPIMetrics {
		keys = append(keys, "campaign.metric."+m)
	}
	for _, c := range Channels {
		keys = append(keys, "campaign.channel."+c)
	}
	for _, f := range []string{"starts_on", "ends_on", "deliverables", "terms", "status"} {
		keys = append(keys, "campaign.field."+f)
	}
	for _, code := range i18n.Supported {
		for _, k := range keys {
			if !i18n.Has(code, k) {
				t.Errorf("%s: %s is missing", code, k)
			}
		}
	}
}
