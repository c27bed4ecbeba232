package creator

import (
	"fmt"
	"strings"
)

// englishMessages is the English text of every message this package
// gives people, by catalogue key. Placeholders are {name}, filled from
// name/value argument pairs the way internal/i18n fills them, so the same
// key and arguments render in any language.
var englishMessages = map[string]string{
	"validation.required":               "This field is required.",
	"validation.too_long":               "Use at most {max} characters.",
	"validation.too_many":               "Use at most {max}.",
	"validation.invalid_email":          "Enter a valid email address, like name@example.com.",
	"validation.country":                "Use a two-letter country code such as US, GB or DE; {value} is not one.",
	"validation.country_alias":          "{value} is not an ISO country code; use {code}.",
	"validation.language":               "{value} is not a language code; use codes such as en, pt-BR or zh-Hant.",
	"validation.tag_too_long":           "The tag {tag} is too long; use at most {max} characters.",
	"validation.stage":                  "Choose one of the stages: {stages}.",
	"validation.platform":               "Choose a platform: {platforms}.",
	"validation.followers_negative":     "Followers cannot be negative.",
	"validation.engagement_rate":        "Engagement rate is a percentage from 0 to 100.",
	"validation.duplicate_account":      "This {platform} account ({handle}) is listed twice.",
	"validation.handle_taken":           "This {platform} handle already belongs to {name} (creator {id}).",
	"validation.handle_required":        "Enter a handle (like @name) or paste the profile link.",
	"validation.handle_short_link":      "Short links cannot be read. Open the link and paste the address of the {platform} profile page instead.",
	"validation.handle_not_platform":    "That is not a link to a profile on {platform}. Enter the handle (like @name) or a link such as {example}.",
	"validation.handle_wrong_platform":  "That link is for {got}, not {want}. Add it as a {got} account instead.",
	"validation.handle_no_name":         "That {platform} link has no profile name in it. Paste the link to the profile page, such as {example}.",
	"validation.handle_not_profile":     "That link is to a post or page on {platform}, not to a profile. Paste the link to the profile page, such as {example}.",
	"validation.handle_chars":           "{platform} handles can only use letters, digits and underscores, so {char} is not allowed.",
	"validation.handle_chars_dots":      "{platform} handles can only use letters, digits, periods and underscores, so {char} is not allowed.",
	"validation.handle_chars_youtube":   "YouTube handles can only use letters, digits, periods, hyphens and underscores, so {char} is not allowed.",
	"validation.handle_length":          "{platform} handles are {min} to {max} characters long; this one has {n}.",
	"validation.handle_reserved":        "{name} is the name of a {platform} page, not of a profile. Enter the creator's handle.",
	"validation.handle_periods":         "{platform} handles cannot start or end with a period or have two periods in a row.",
	"validation.handle_trailing_period": "{platform} handles cannot end with a period.",
	"validation.handle_underscore":      "{platform} names cannot start with an underscore.",
	"validation.handle_youtube_channel": "YouTube channel ids start with UC and are 24 characters long, like youtube.com/channel/UCxxxxxxxxxxxxxxxxxxxxxx.",
	"validation.handle_link_scheme":     "Only web links (http:// or https://) can be used.",
	"validation.blog_address":           "Enter the blog's web address, like example.com or example.com/blog.",
	"validation.blog_is_platform":       "That link is for {platform}, not a blog. Add it as a {platform} account instead.",
	"validation.followers_number":       "Enter a number of followers such as 5000, 10k or 1.2M.",
	"validation.followers_range":        "The maximum must be at least the minimum.",
	"validation.sort":                   "Sort by one of: {sorts}.",
	"validation.limit":                  "Show between 1 and {max} per page.",
	"validation.cursor":                 "This page link is no longer valid; start again from the first page.",
	"validation.tag_required":           "Enter a tag.",
}

// englishText fills key's English message with name/value pairs.
func englishText(key string, args []any) string {
	msg, ok := englishMessages[key]
	if !ok {
		panic("creator: no English text for " + key) // a programming error, caught by tests
	}
	for i := 0; i+1 < len(args); i += 2 {
		msg = strings.ReplaceAll(msg, fmt.Sprintf("{%v}", args[i]), fmt.Sprint(args[i+1]))
	}
	return msg
}
