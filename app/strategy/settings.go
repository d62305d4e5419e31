package strategy

// Settings say how the team wants to be spoken to: BMAD's
// communication_language, document_output_language and user_skill_level,
// already resolved by the shell to shipped languages and a level. The
// engine only keeps them; the renderer uses them. The zero value means
// "never read": English replies and section, intermediate explanations.
type Settings struct {
	Comm  string `json:"comm,omitempty"`  // replies: a catalogue folder, "fr"
	Doc   string `json:"doc,omitempty"`   // the saved section: a catalogue folder
	Skill string `json:"skill,omitempty"` // beginner | intermediate | expert
}
