package i18n

// A language's files are merged into one catalogue. Files may share a
// category, an option or a metric (categories.yaml has an option's
// trade-offs, skill.yaml its plain words), so those merge field by field: a
// field one file leaves empty never erases what another file said.

func (c *Catalog) merge(part *Catalog) {
	for k, v := range part.Messages {
		c.Messages[k] = v
	}
	for k, v := range part.Categories {
		c.Categories[k] = mergeCategory(c.Categories[k], v)
	}
	for k, v := range part.Metrics {
		c.Metrics[k] = mergeMetric(c.Metrics[k], v)
	}
	c.mergeAPC(part)
	if part.Language.Code != "" {
		c.Language = part.Language
	}
}

func mergeCategory(into, from CategoryText) CategoryText {
	set(&into.Name, from.Name)
	set(&into.Heading, from.Heading)
	set(&into.Question, from.Question)
	if len(from.Options) > 0 && into.Options == nil {
		into.Options = map[string]OptionText{}
	}
	for k, v := range from.Options {
		into.Options[k] = mergeOption(into.Options[k], v)
	}
	if len(from.Subs) > 0 && into.Subs == nil {
		into.Subs = map[string]SubText{}
	}
	for k, v := range from.Subs {
		sub := into.Subs[k]
		set(&sub.Label, v.Label)
		set(&sub.Question, v.Question)
		into.Subs[k] = sub
	}
	return into
}

func mergeOption(into, from OptionText) OptionText {
	set(&into.Name, from.Name)
	set(&into.Summary, from.Summary)
	set(&into.Rollback, from.Rollback)
	set(&into.Downtime, from.Downtime)
	set(&into.Detail, from.Detail)
	set(&into.Plain, from.Plain)
	set(&into.Example, from.Example)
	set(&into.Brief, from.Brief)
	if from.Pros != nil {
		into.Pros = from.Pros
	}
	if from.Cons != nil {
		into.Cons = from.Cons
	}
	if from.DORA != nil {
		into.DORA = from.DORA
	}
	if len(from.Suggestions) > 0 && into.Suggestions == nil {
		into.Suggestions = map[string]string{}
	}
	for k, v := range from.Suggestions {
		into.Suggestions[k] = v
	}
	return into
}

func mergeMetric(into, from MetricText) MetricText {
	set(&into.Name, from.Name)
	set(&into.Short, from.Short)
	set(&into.Glossary, from.Glossary)
	if len(from.Tiers) > 0 && into.Tiers == nil {
		into.Tiers = map[string]string{}
	}
	for k, v := range from.Tiers {
		into.Tiers[k] = v
	}
	if len(from.Bands) > 0 && into.Bands == nil {
		into.Bands = map[string]string{}
	}
	for k, v := range from.Bands {
		into.Bands[k] = v
	}
	return into
}

func set(to *string, v string) {
	if v != "" {
		*to = v
	}
}
