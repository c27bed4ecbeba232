package importer

import (
	"strings"

	"golang.org/x/text/language"
)

// countryNames maps country names (English, Spanish, Portuguese, French,
// German), folded by headerKey, to ISO 3166-1 codes. Not every country:
// the ones creator lists name most; others can be given as codes.
var countryNames = map[string]string{}

func init() {
	for code, names := range map[string]string{
		"US": "unitedstates usa us unitedstatesofamerica estadosunidos etatsunis étatsunis vereinigtestaaten eeuu america",
		"GB": "unitedkingdom uk greatbritain england scotland wales reinounido royaumeuni vereinigteskönigreich großbritannien grossbritannien inglaterra",
		"ES": "spain españa espana espagne spanien espanha", "MX": "mexico méxico mexique mexiko",
		"AR": "argentina argentine argentinien", "CO": "colombia colombie kolumbien colômbia",
		"CL": "chile chili", "PE": "peru perú pérou", "VE": "venezuela", "EC": "ecuador equateur équateur",
		"UY": "uruguay", "BR": "brazil brasil brésil bresil brasilien", "PT": "portugal",
		"FR": "france francia frankreich frança", "DE": "germany alemania allemagne deutschland alemanha",
		"IT": "italy italia italie italien itália", "NL": "netherlands holland paísesbajos paysbas niederlande holanda",
		"BE": "belgium bélgica belgique belgien", "CH": "switzerland suiza suisse schweiz suíça",
		"AT": "austria autriche österreich", "IE": "ireland irlanda irlande irland", "SE": "sweden suecia suède schweden",
		"NO": "norway noruega norvège norwegen", "DK": "denmark dinamarca danemark dänemark", "FI": "finland finlandia finlande finnland",
		"PL": "poland polonia pologne polen polônia", "CA": "canada canadá kanada", "AU": "australia australie australien austrália",
		"NZ": "newzealand nuevazelanda nouvellezélande neuseeland", "IN": "india inde indien índia",
		"JP": "japan japón japon japão", "KR": "southkorea korea corea coréedusud südkorea coreiadosul coreadelsur",
		"CN": "china chine", "ID": "indonesia indonésie indonesien", "PH": "philippines filipinas philippinen",
		"TR": "turkey türkiye turquía turquie türkei turquia", "NG": "nigeria", "ZA": "southafrica sudáfrica afriquedusud südafrika",
		"EG": "egypt egipto égypte ägypten", "AE": "unitedarabemirates uae emiratosárabesunidos", "SA": "saudiarabia arabiasaudita",
		"SG": "singapore singapur singapour", "MY": "malaysia malasia", "TH": "thailand tailandia thaïlande",
		"VN": "vietnam", "GR": "greece grecia grèce griechenland", "RU": "russia rusia russie russland rússia",
		"UA": "ukraine ucrania ukraïne", "CZ": "czechia czechrepublic chequia tschechien", "RO": "romania rumania roumanie rumänien",
		"HU": "hungary hungría hongrie ungarn", "IL": "israel", "MA": "morocco marruecos maroc marokko",
		"CR": "costarica", "PA": "panama panamá", "DO": "dominicanrepublic repúblicadominicana", "PR": "puertorico",
		"GT": "guatemala", "BO": "bolivia", "PY": "paraguay",
	} {
		for _, n := range strings.Fields(names) {
			countryNames[headerKey(n)] = code
		}
	}
	// Big cities people put in a location column instead of a country.
	for city, code := range map[string]string{"madrid": "ES", "barcelona": "ES", "london": "GB", "paris": "FR", "berlin": "DE",
		"newyork": "US", "losangeles": "US", "miami": "US", "mexicocity": "MX", "ciudaddemexico": "MX", "cdmx": "MX",
		"buenosaires": "AR", "bogota": "CO", "bogotá": "CO", "lima": "PE", "santiago": "CL", "saopaulo": "BR", "sãopaulo": "BR",
		"riodejaneiro": "BR", "lisbon": "PT", "lisboa": "PT", "rome": "IT", "roma": "IT", "milan": "IT", "milano": "IT",
		"amsterdam": "NL", "toronto": "CA", "sydney": "AU", "tokyo": "JP", "seoul": "KR", "dubai": "AE", "mumbai": "IN"} {
		countryNames[city] = code
	}
}

// countryCode reads a country cell: an ISO code ("es", "UK" → "GB") or a
// name; ok is false when it is neither.
func countryCode(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", true
	}
	if len(s) == 2 {
		up := strings.ToUpper(s)
		if up == "UK" {
			return "GB", true
		}
		if r, err := language.ParseRegion(up); err == nil && r.IsCountry() {
			return r.Canonicalize().String(), true
		}
	}
	if code, ok := countryNames[headerKey(s)]; ok {
		return code, true
	}
	return "", false
}

// locationCountry finds the country in a free-text location ("Madrid,
// Spain", "Paris", "Lisboa - Portugal"): the last part that names one.
func locationCountry(s string) (string, bool) {
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '-' || r == '/' || r == '|' || r == '(' || r == ')' })
	for i := len(parts) - 1; i >= 0; i-- {
		p := strings.TrimSpace(parts[i])
		// "Austin, CA" is California, not Canada: codes count only alone.
		if p == "" || (len(p) == 2 && len(parts) > 1) {
			continue
		}
		if code, ok := countryCode(p); ok && code != "" {
			return code, true
		}
	}
	return "", false
}
