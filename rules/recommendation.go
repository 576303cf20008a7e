package rules

import "github.com/storewise/storewise/answers"

// Recommendation is the advisor's answer, the JSON of shared/design/contracts.md §2
// (version 1), with a few further fields.
type Recommendation struct {
	Version  int    `json:"version"`
	Workload string `json:"workload"`
	// Primary is the id of the first product of Ranking that is not eliminated, or empty
	// when every product is (JSON null).
	Primary  string   `json:"primary"`
	RunnerUp string   `json:"runner_up,omitempty"`
	Ranking  []Ranked `json:"ranking"`
	// Dimensions are the scoring dimensions in the policy's order of concerns (how much
	// they weigh, consistency first), then any a user policy names: the order in which
	// reasons are listed and a report's rows run.
	Dimensions  []string `json:"dimensions"`
	Pattern     *Pattern `json:"pattern"`
	Cost        []Cost   `json:"cost"`
	TTL         *TTL     `json:"ttl"`
	Flips       []Flip   `json:"flips"`
	Assumptions []string `json:"assumptions"`
	Warnings    []string `json:"warnings"`
	// Contradiction is the warning (one of Warnings) that the scanned code needs stronger
	// consistency than answered, and what the pick would be with it; a report shows it
	// beside the verdict, since it questions the verdict itself.
	Contradiction string    `json:"contradiction,omitempty"`
	Findings      []Finding `json:"findings"`
	// Answers are the answers evaluated, defaults included.
	Answers *answers.Answers `json:"answers"`
}

// Ranked is one product's place in the ranking.
type Ranked struct {
	Product    string `json:"product"`
	Name       string `json:"name"`
	Score      int    `json:"score"`
	Eliminated bool   `json:"eliminated"`
	// Reasons are the points for and against a product that stands, or the reasons that
	// eliminate one that does not.
	Reasons []Reason `json:"reasons"`
	// Points sums the product's points by dimension, eliminated or not, for the
	// products × dimensions table of a report.
	Points map[string]int `json:"points"`
	// Scored keeps the points of an eliminated product, for that table's footnotes.
	Scored []Reason `json:"scored,omitempty"`
}

// Reason is one line of explanation a reviewer can agree or disagree with.
type Reason struct {
	Dimension string `json:"dimension"`
	Points    int    `json:"points,omitempty"`
	Text      string `json:"text"`
	Source    string `json:"source"`
}

// Pattern is the architecture advised: the pick with the products it works beside.
type Pattern struct {
	Name     string   `json:"name"`
	Products []string `json:"products"`
	Text     string   `json:"text"`
	Source   string   `json:"source"`
	// Cost is the pattern's products costed together.
	Cost *PatternCost `json:"cost,omitempty"`
	// Paths are the read and write paths between the Worker and the products, for a
	// diagram of the architecture.
	Paths []Path `json:"paths"`
}

// Path is one arrow of the architecture: from the Worker or a product to a product.
type Path struct {
	From  string `json:"from"` // "worker" or a product id
	To    string `json:"to"`
	Label string `json:"label"`
	Kind  string `json:"kind"` // read or write
}

// PatternCost is the monthly cost of a pattern's products together: a cache in front of a
// store takes the reads it hits off the store (HitRatio, assumed and shown), and fills
// itself on the misses.
type PatternCost struct {
	MonthlyUSD float64  `json:"monthly_usd"`
	HitRatio   *float64 `json:"hit_ratio,omitempty"`
	Products   []Cost   `json:"products"`
	Lines      []string `json:"lines"`
}

// Cost is one product's monthly cost estimate, line by line.
type Cost struct {
	Product    string   `json:"product"`
	MonthlyUSD float64  `json:"monthly_usd"`
	Lines      []string `json:"lines"`
	// Excludes names what the figure leaves out (a database billed by its host).
	Excludes string `json:"excludes,omitempty"`
}

// TTL is the guidance for KV's cacheTtl and expirationTtl.
type TTL struct {
	// Role is "store" when KV holds the data, "cache" when it caches another product.
	Role                 string    `json:"role"`
	CacheTTLSeconds      int       `json:"cache_ttl_seconds"`
	ExpirationTTLSeconds *int      `json:"expiration_ttl_seconds"`
	Text                 string    `json:"text"`
	Steps                []TTLStep `json:"steps"`
}

// TTLStep is one of the seed's four questions and its answer for this workload.
type TTLStep struct {
	Question string `json:"question"`
	Answer   string `json:"answer"`
}

// Flip is the nearest other answer for one field that changes the primary pick.
type Flip struct {
	Field string `json:"field"`
	From  string `json:"from"`
	To    string `json:"to"`
	// Value is the value tried, in the field's type (To may say "over 25MiB").
	Value   any    `json:"value"`
	Primary string `json:"primary"`
	Text    string `json:"text"`
}

// Finding is a kvlint diagnostic in the user's code, folded into the recommendation by
// advisor --scan.
type Finding struct {
	Analyzer string `json:"analyzer"`
	File     string `json:"file"`
	Line     int    `json:"line"`
	Column   int    `json:"column,omitempty"`
	Message  string `json:"message"`
	Code     string `json:"code,omitempty"`
}
