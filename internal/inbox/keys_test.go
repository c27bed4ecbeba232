package inbox

import (
	"testing"

	"github.com/rosterhq/roster/internal/i18n"
)

// Keys the templates build at run time, which the source scan cannot see.
func TestDynamicKeysExist(t *testing.T) {
	var keys []string
	for _, s := range Statuses {
		keys = append(keys, statusKey(s))
	}
	for _, a := range []string{ByCreator, ByTeam} {
		keys = append(keys, "inbox.author."+a)
	}
	for _, c := range []string{ChannelPortal, ChannelWeb, ChannelEmail, ChannelAPI} {
		keys = append(keys, "inbox.channel."+c)
	}
	for _, k := range []string{"inbox.email.to_creator", "inbox.email.to_creator_reply", "inbox.email.to_team", "inbox.email.to_team_reply"} {
		keys = append(keys, k+".subject", k+".body")
	}
	for _, lang := range i18n.Supported {
		for _, k := range keys {
			if !i18n.Has(lang, k) {
				t.Errorf("%s: missing message %q", lang, k)
			}
		}
	}
}
