// Package project finds a team's pipeline.md the way BMAD does: through
// _bmad/bmm/config.yaml, else the default planning-artifacts folder. It reads
// through a function so the same rules serve a local checkout and a
// repository read through GitHub's contents API.
package project

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"gopkg.in/yaml.v3"
)

// ConfigPath is BMAD's module configuration, relative to the project root.
const ConfigPath = "_bmad/bmm/config.yaml"

// DefaultDocPath is where BMAD writes planning artifacts by default.
const DefaultDocPath = "_bmad-output/planning-artifacts/pipeline.md"

// ReadFunc reads a file by its slash-separated path relative to the project
// root; it returns an error wrapping fs.ErrNotExist when there is none.
type ReadFunc func(name string) ([]byte, error)

// Config is what Pipewright uses of _bmad/bmm/config.yaml.
type Config struct {
	OutputFolder           string `yaml:"output_folder"`
	PlanningArtifacts      string `yaml:"planning_artifacts"`
	CommunicationLanguage  string `yaml:"communication_language"`
	DocumentOutputLanguage string `yaml:"document_output_language"`
	UserSkillLevel         string `yaml:"user_skill_level"`
}

// LoadConfig reads the BMAD config; a missing file is not an error.
func LoadConfig(read ReadFunc) (Config, bool, error) {
	data, err := read(ConfigPath)
	if errors.Is(err, fs.ErrNotExist) {
		return Config{}, false, nil
	}
	if err != nil {
		return Config{}, false, fmt.Errorf("read %s: %w", ConfigPath, err)
	}
	var c Config
	if err := yaml.Unmarshal(data, &c); err != nil {
		return Config{}, true, fmt.Errorf("%s is not valid YAML: %w", ConfigPath, err)
	}
	return c, true, nil
}

// DocPath says where pipeline.md lives, relative to the project root:
// planning_artifacts from the BMAD config ({project-root} and
// {output_folder} resolved) + "/pipeline.md", else the default path.
func DocPath(read ReadFunc) (string, error) {
	c, found, err := LoadConfig(read)
	if err != nil {
		return "", err
	}
	if !found || strings.TrimSpace(c.PlanningArtifacts) == "" {
		return DefaultDocPath, nil
	}
	out := resolve(c.OutputFolder, "")
	if out == "" {
		out = "_bmad-output"
	}
	dir := resolve(c.PlanningArtifacts, out)
	p := path.Clean(path.Join(dir, "pipeline.md"))
	if strings.HasPrefix(p, "../") || p == ".." || path.IsAbs(p) {
		return "", fmt.Errorf("%s: planning_artifacts %q points outside the project", ConfigPath, c.PlanningArtifacts)
	}
	return p, nil
}

// resolve replaces BMAD's {project-root} (the root itself: "") and
// {output_folder} placeholders in a configured path and makes it relative
// to the project root; ".." stays visible so DocPath can refuse it.
func resolve(p, outputFolder string) string {
	p = strings.TrimSpace(p)
	p = strings.ReplaceAll(p, "{project-root}", "")
	p = strings.ReplaceAll(p, "{output_folder}", outputFolder)
	p = path.Clean(strings.TrimLeft(p, "/"))
	if p == "." {
		return ""
	}
	return p
}
