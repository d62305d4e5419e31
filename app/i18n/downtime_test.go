package i18n_test

import (
	"strings"
	"testing"

	"github.com/pipewright/pipewright/app/i18n"
	"github.com/pipewright/pipewright/app/strategy"
)

// TestMigrationOptionsStateDowntime: the seed asks to "present how each
// [migration] approach affects rollback capability and downtime", so every
// migration option states both, in every shipped language.
func TestMigrationOptionsStateDowntime(t *testing.T) {
	cat, _ := strategy.CategoryByID(strategy.CatMigrations)
	for _, lang := range i18n.Languages() {
		c := i18n.MustLoad(lang)
		for _, o := range cat.Options {
			ot := c.Option(string(strategy.CatMigrations), o.ID)
			if strings.TrimSpace(ot.Downtime) == "" || strings.TrimSpace(ot.Rollback) == "" {
				t.Errorf("%s: migration option %s lacks its downtime or rollback effect", lang, o.ID)
			}
		}
	}
}
