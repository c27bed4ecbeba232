package creator

// Helpers the importer (internal/importer) needs to store creators exactly
// as Create would, without going through one INSERT per creator.

// ParseFollowers reads a follower count as people write it ("12,000",
// "12.5K", "1.2M"); false when it is not a whole number of followers.
func ParseFollowers(s string) (int64, bool) { return parseFollowers(s) }

// SearchText is the creators.search_text a store write computes for c.
func SearchText(c *Creator) string { return buildSearchText(c) }

// SortName is the creators.sort_name of a display name.
func SortName(displayName string) string { return sortName(displayName) }

// CleanText trims outside text and drops control characters, as Validate
// does; keepLines keeps newlines and tabs.
func CleanText(s string, keepLines bool) string { return cleanText(s, keepLines) }
