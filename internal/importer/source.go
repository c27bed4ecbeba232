package importer

import (
	"fmt"
	"strings"
)

// SourceOf is the metrics source written on the accounts an import
// creates or updates: "import:<id>:<file name>". The id lets other rooms
// find what an import touched (invitations offer "invite these creators").
func SourceOf(im *Import) string { return fmt.Sprintf("import:%d:%s", im.ID, im.FileName) }

// SourcePrefix is what every SourceOf of the import with this id starts
// with.
func SourcePrefix(id int64) string { return fmt.Sprintf("import:%d:", id) }

// IsSourceOf reports whether a metrics source names the import id.
func IsSourceOf(source string, id int64) bool { return strings.HasPrefix(source, SourcePrefix(id)) }
