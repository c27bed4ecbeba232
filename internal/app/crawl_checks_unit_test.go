package app_test

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestCrawlChecksCatchEachProblem feeds the crawl's page checks a page
// with one of each problem, so a check that stopped seeing its problem
// (and would let the crawl pass on anything) fails here.
func TestCrawlChecksCatchEachProblem(t *testing.T) {
	bad := `<!doctype html><html lang="en"><head><title> · Roster</title></head><body>
<h1>One</h1><h1>Two</h1>
<div id="x"></div><span id="x"></span>
<label for="nothing">Ghost</label>
<form><input name="q"><select name="s"></select><input type="hidden" name="h"><textarea aria-labelledby="missing"></textarea>
<label>Wrapped <input name="ok"></label><input name="named" aria-label="Named" aria-describedby="named-error"></form>
<a href="#gone">Skip</a><a href="/x"></a><button aria-label="Close"></button>
<p>Press pipeline.move_to now</p><button title="nav.creators">x</button>
<section><div></section></div>
</body></html>`
	doc, err := html.Parse(strings.NewReader(bad))
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(checkPage(bad, doc, "es"), "\n")
	for _, want := range []string{
		`<html lang="en"> on a page in es`,
		`<title> "· Roster" names no page`,
		`2 <h1> elements`,
		`id "x" is used more than once`,
		`<label for="nothing"> points at no form control`,
		`<input name="q"> has no label`,
		`<select name="s"> has no label`,
		`<textarea> has no label`,
		`"pipeline.move_to" shows on the page`,
		`"nav.creators" shows on the page`,
		`markup: <div> is closed by </section>`,
		`markup: </div> closes nothing open`,
		`<input name="named"> aria-describedby="named-error" names no element`,
		`<a href="#gone"> leads to no element`,
		`<a> has no text or accessible name`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("no problem %q among:\n%s", want, got)
		}
	}
	english := `<!doctype html><html lang="fr"><head><title>Contract · Roster</title></head><body><h1>Créateurs</h1>
<p>Creators</p><p>Active</p><select aria-label="Langue"><option lang="en">English</option></select><article lang="fr">Creators</article></body></html>`
	doc, _ = html.Parse(strings.NewReader(english))
	got2 := strings.Join(checkPage(english, doc, "fr"), "\n")
	if !strings.Contains(got2, `"Creators" shows in English`) {
		t.Errorf("English interface text on a French page was not reported:\n%s", got2)
	}
	for _, fine := range []string{`"Active"`, `"English"`} {
		if strings.Contains(got2, fine) {
			t.Errorf("%s was reported: it is French too, or marked as English:\n%s", fine, got2)
		}
	}
	if !strings.Contains(got2, `"Contract" shows in English`) {
		t.Errorf("an English page title was not reported:\n%s", got2)
	}
	if strings.Count(got2, `"Creators"`) != 1 {
		t.Errorf("the article's own text was reported, or the page's twice:\n%s", got2)
	}
	for _, wrong := range []string{`name="ok">`, `name="named"> has no label`, `name="h"`, `<button> has no text`} {
		if strings.Contains(got, wrong) {
			t.Errorf("a labelled or hidden control was reported (%s):\n%s", wrong, got)
		}
	}
	good := `<!doctype html><html lang="es"><head><title>Creadores · Roster</title></head><body><h1>Creadores</h1>
<form><label for="q">Buscar</label><input id="q" name="q"><p>Uno<p>Dos</form><ul><li>a<li>b</ul></body></html>`
	doc, _ = html.Parse(strings.NewReader(good))
	if p := checkPage(good, doc, "es"); len(p) > 0 {
		t.Errorf("a good page has problems: %q", p)
	}
}

// TestCrawlUsableForms: the form check judges only forms a person can
// use; a frame of hidden values, or controls all disabled, posts nothing.
func TestCrawlUsableForms(t *testing.T) {
	for page, want := range map[string]bool{
		`<form method="post"><input type="hidden" name="a"></form>`:                                      false,
		`<form method="post"><fieldset disabled><input name="a"><button>Save</button></fieldset></form>`: false,
		`<form method="post"><input name="a" disabled></form>`:                                           false,
		`<form method="post"><input name="a"></form>`:                                                    true,
		`<form method="post"><button>Delete</button></form>`:                                             true,
	} {
		doc, err := html.Parse(strings.NewReader(page))
		if err != nil {
			t.Fatal(err)
		}
		for n := range doc.Descendants() {
			if n.Type == html.ElementNode && n.Data == "form" {
				if got := usable(n); got != want {
					t.Errorf("usable(%s) = %v, want %v", page, got, want)
				}
			}
		}
	}
}
