// Package importer reads creator spreadsheets exported from other tools
// (CSV or TSV, messy headers, values such as "12.5K" or full profile
// URLs), upserts them into a brand in batches with exact accounting, runs
// imports as durable jobs with progress, and exports the creator list in
// a layout it reads back.
package importer

import (
	"strings"
	"unicode"

	"github.com/rosterhq/roster/internal/creator"
)

// Field names a column can map to. Platform columns are named by the
// platform ("instagram"), "<platform>_followers" and
// "<platform>_engagement_rate".
const (
	FieldIgnore         = "ignore"
	FieldName           = "display_name"
	FieldFirstName      = "first_name"
	FieldLastName       = "last_name"
	FieldEmail          = "email"
	FieldCountry        = "country"
	FieldLocation       = "location"
	FieldLanguages      = "languages"
	FieldTags           = "tags"
	FieldNotes          = "notes"
	FieldStage          = "stage"
	FieldPlatform       = "platform"
	FieldHandle         = "handle"
	FieldProfileURL     = "profile_url"
	FieldFollowers      = "followers"
	FieldEngagementRate = "engagement_rate"
)

// Target is what one column holds: a field, and for account columns the
// platform ("" for the generic handle, followers and rate columns).
type Target struct {
	Field    string `json:"field"`
	Platform string `json:"platform,omitempty"`
}

// Name is the target as written in a mapping override.
func (t Target) Name() string {
	if t.Platform == "" {
		return t.Field
	}
	if t.Field == FieldHandle {
		return t.Platform
	}
	return t.Platform + "_" + t.Field
}

// headerKey folds a header for matching: lower case, letters and digits
// only ("Follower Count" and "follower_count" are both "followercount").
func headerKey(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// platformNames are the ways headers and platform cells name platforms.
var platformNames = map[string][]string{
	"instagram": {"instagram", "ig", "insta"},
	"tiktok":    {"tiktok", "tt"},
	"youtube":   {"youtube", "yt", "channel", "youtubechannel"},
	"x":         {"x", "twitter"},
	"twitch":    {"twitch"},
	"pinterest": {"pinterest"},
	"blog":      {"blog", "website", "site", "web"},
}

// plainHeaders are headers other tools use for creator fields.
var plainHeaders = map[string][]string{
	FieldName:           {"name", "fullname", "displayname", "creatorname", "influencername", "influencer", "creator", "contactname"},
	FieldFirstName:      {"firstname", "givenname"},
	FieldLastName:       {"lastname", "surname", "familyname"},
	FieldEmail:          {"email", "emailaddress", "mail", "contactemail", "email1"},
	FieldCountry:        {"country", "countrycode"},
	FieldLocation:       {"location", "city", "basedin", "region"},
	FieldLanguages:      {"language", "languages", "lang", "langs"},
	FieldTags:           {"tags", "tag", "labels", "categories", "category", "niche", "niches", "topics", "keywords"},
	FieldNotes:          {"notes", "note", "comments", "comment"},
	FieldStage:          {"stage", "status", "pipelinestage"},
	FieldPlatform:       {"platform", "network", "socialnetwork", "source"},
	FieldHandle:         {"username", "handle", "user", "account", "accountname", "socialhandle", "userhandle"},
	FieldProfileURL:     {"profileurl", "url", "profile", "profilelink", "link", "socialurl"},
	FieldFollowers:      {"followers", "followercount", "followerscount", "subscribers", "subscribercount", "audience", "audiencesize", "fans"},
	FieldEngagementRate: {"engagementrate", "er", "engagement", "engrate", "avgengagement", "engagementratepct"},
}

var headerTargets = buildHeaderTargets()

func buildHeaderTargets() map[string]Target {
	out := map[string]Target{}
	for field, names := range plainHeaders {
		for _, n := range names {
			out[n] = Target{Field: field}
		}
	}
	for p, names := range platformNames {
		for _, n := range names {
			for _, suffix := range []string{"", "handle", "username", "url", "profile", "profileurl", "link", "account", "name", "id"} {
				if suffix == "name" && n != "channel" {
					continue // "instagram name" is ambiguous; a channel name is the handle
				}
				out[n+suffix] = Target{Field: FieldHandle, Platform: p}
			}
			for _, suffix := range []string{"followers", "followercount", "followerscount", "subscribers", "subscribercount", "fans"} {
				out[n+suffix] = Target{Field: FieldFollowers, Platform: p}
			}
			for _, suffix := range []string{"er", "engagementrate", "engagement"} {
				out[n+suffix] = Target{Field: FieldEngagementRate, Platform: p}
			}
		}
	}
	return out
}

// ParseTarget reads a target name of a mapping override: a field name,
// a platform ("instagram") or "<platform>_followers" /
// "<platform>_engagement_rate", or "ignore".
func ParseTarget(name string) (Target, bool) {
	name = strings.ToLower(strings.TrimSpace(name))
	if name == FieldIgnore {
		return Target{Field: FieldIgnore}, true
	}
	if _, ok := plainHeaders[name]; ok {
		return Target{Field: name}, true
	}
	if creator.IsPlatform(name) {
		return Target{Field: FieldHandle, Platform: name}, true
	}
	for _, f := range []string{FieldFollowers, FieldEngagementRate} {
		if p, ok := strings.CutSuffix(name, "_"+f); ok && creator.IsPlatform(p) {
			return Target{Field: f, Platform: p}, true
		}
	}
	return Target{}, false
}

// platformOf reads a platform cell ("Instagram", "IG", "Twitter").
func platformOf(cell string) (string, bool) {
	k := headerKey(cell)
	for p, names := range platformNames {
		for _, n := range names {
			if k == n {
				return p, true
			}
		}
	}
	return "", false
}
