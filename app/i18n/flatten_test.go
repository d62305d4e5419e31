package i18n_test

import (
	"fmt"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/pipewright/pipewright/app/i18n"
)

// The languages shipped besides English. All six have landed, so a missing
// file fails; while a new language is being written, awaitTranslations
// true makes its tests skip with a message instead.
var (
	translations      = []string{"fr", "de", "es", "pt-BR", "zh-CN", "ja"}
	awaitTranslations = false
)

func skipUnshipped(t *testing.T, code string) {
	t.Helper()
	if code == i18n.DefaultLang || i18n.Complete(code) {
		return
	}
	if awaitTranslations {
		t.Skipf("%s: translation not landed yet (locales/%s lacks files of locales/en)", code, code)
	}
	t.Fatalf("%s: locales/%s lacks files of locales/en", code, code)
}

// flatten lists every text of a catalogue by its YAML path
// ("categories.pattern.options.canary.pros[0]"), found by reflection so a
// field added to the catalogue types is compared without touching this
// test. language.yaml is left out: it differs per language on purpose.
func flatten(c *i18n.Catalog) map[string]string {
	out := map[string]string{}
	v := reflect.ValueOf(*c)
	for i := 0; i < v.NumField(); i++ {
		tag := yamlName(v.Type().Field(i))
		if tag == "" || tag == "language" {
			continue
		}
		walk(out, tag, v.Field(i))
	}
	return out
}

func walk(out map[string]string, path string, v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		out[path] = v.String()
	case reflect.Map:
		keys := v.MapKeys()
		sort.Slice(keys, func(i, j int) bool { return keys[i].String() < keys[j].String() })
		for _, k := range keys {
			walk(out, path+"."+k.String(), v.MapIndex(k))
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			walk(out, fmt.Sprintf("%s[%d]", path, i), v.Index(i))
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if tag := yamlName(v.Type().Field(i)); tag != "" {
				walk(out, path+"."+tag, v.Field(i))
			}
		}
	}
}

func yamlName(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
	if name == "-" {
		return ""
	}
	return name
}

// isData says whether a path holds an identifier rather than words: the
// metric and effect of a DORA impact must equal English's.
func isData(path string) bool {
	return strings.HasSuffix(path, ".metric") || strings.HasSuffix(path, ".effect")
}

func sortedKeys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
