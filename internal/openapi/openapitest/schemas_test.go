package openapitest

import (
	"strings"
	"testing"

	"github.com/rosterhq/roster/internal/openapi"
)

func TestSchemasOfTheDocumentAreValid(t *testing.T) {
	if errs := schemaErrors(openapi.Document()); len(errs) > 0 {
		t.Errorf("invalid schemas:\n  - %s", strings.Join(errs, "\n  - "))
	}
}

func TestSchemaErrorsCatchesMistakes(t *testing.T) {
	doc := string(openapi.Document())
	for _, c := range []struct{ name, after, old, new, want string }{
		{"component schema", "", `"type":["array","null"]`, `"type":["array","nul"]`, "/components/schemas/Creator/properties/languages/type"},
		{"inline parameter schema", `"/api/v1/creators":`, `"maximum":200,`, `"maximum":"200",`, "/paths/~1api~1v1~1creators/get/parameters/"},
		{"component parameter schema", "", `"maxLength":255`, `"maxLength":-1`, "/components/parameters/IdempotencyKey/schema"},
		{"dangling reference", "", `"$ref":"#/components/schemas/SocialAccount"`, `"$ref":"#/components/schemas/SocialAcount"`, "#/components/schemas/SocialAcount"},
	} {
		t.Run(c.name, func(t *testing.T) {
			// The mistake goes in at the first c.old after c.after, so
			// other rooms' paths sorted before it don't take it.
			at := strings.Index(doc, c.after)
			if at < 0 {
				t.Fatalf("%q is not in the document", c.after)
			}
			broken := doc[:at] + strings.Replace(doc[at:], c.old, c.new, 1)
			if broken == doc {
				t.Fatalf("%q is not in the document", c.old)
			}
			errs := schemaErrors([]byte(broken))
			if len(errs) != 1 {
				t.Fatalf("want one error, got %d: %q", len(errs), errs)
			}
			if !strings.Contains(errs[0], c.want) {
				t.Errorf("the error does not point at %s:\n%s", c.want, errs[0])
			}
			t.Logf("reported: %s", errs[0])
		})
	}
}
