package rules

import (
	"fmt"
	"math"
	"strconv"

	"github.com/storewise/storewise/answers"
	"github.com/storewise/storewise/matrix"
)

// Cost-model assumptions that the answers cannot tell; each shows in the cost lines.
const (
	// rowsPerRelationalRead is how many rows a relational query reads: a filtered or joined
	// query touches more than the one row of a lookup by key.
	rowsPerRelationalRead = 10
	// activeSecondsPerRequest is how long a request keeps a Durable Object active (billed
	// duration); a hibernating object is not billed.
	activeSecondsPerRequest = 0.01
	secondsPerMonth         = 30 * 24 * 3600
	// cacheHitRatio is the share of reads a cache in front of a store answers; the store
	// serves the rest and each miss writes the value back into the cache.
	cacheHitRatio = 0.9
	// metadataBytes is one object's row of metadata beside it (owner, name, size, key).
	metadataBytes = 1000
)

// Costs estimates each product's monthly bill on the Workers Paid plan, free allowances
// included, from the answers' volumes. The figures exclude the plan's base fee, and
// Hyperdrive's excludes the database it fronts.
func Costs(m *matrix.Matrix, a *answers.Answers) []Cost { return costs(m, a, true) }

// monthly is the cost of using n units of a price in a month, after the included allowance.
func monthly(pr matrix.Price, n float64) float64 {
	billed := n - pr.Included
	if billed <= 0 || pr.Per == 0 {
		return 0
	}
	return billed / pr.Per * pr.USD
}

// costs computes the figures, and their lines when asked: the search for flips needs only
// the figures, some fifty times.
func costs(m *matrix.Matrix, a *answers.Answers, lines bool) []Cost {
	out := make([]Cost, 0, len(matrix.ProductIDs))
	for _, id := range matrix.ProductIDs {
		p, _ := m.Product(id)
		c := Cost{Product: id}
		add := func(priceKey string, n float64, what string) {
			pr, ok := p.Price(priceKey)
			if !ok {
				panic("matrix: no price " + id + "." + priceKey) // caught by tests
			}
			usd := monthly(pr, n)
			c.MonthlyUSD += usd
			if lines {
				c.Lines = append(c.Lines, costLine(pr, n, what, usd))
			}
		}
		reads, writes := a.ReadsPerMonth, a.WritesPerMonth
		switch id {
		case matrix.KV:
			add("reads", reads, "reads")
			add("writes", writes, "writes")
			add("storage", a.DatasetGB, "GB stored")
		case matrix.D1:
			rows := 1.0
			if a.DataShape == "relational" {
				rows = rowsPerRelationalRead
			}
			add("rows_read", reads*rows, rowsText(rows))
			add("rows_written", writes, "rows written (one per write; indexes add more)")
			add("storage", a.DatasetGB, "GB stored")
		case matrix.DurableObjects:
			mem, _ := p.Fact("memory_gb_per_object")
			// Live clients talk over WebSockets: incoming messages bill 20:1 as requests, and
			// an object hibernating between messages bills no duration, so only the time
			// spent handling messages counts.
			requests, what := reads+writes, "requests (reads and writes)"
			if a.Realtime {
				ratio, _ := p.Fact("websocket_messages_per_request")
				requests = (reads + writes) / ratio.Value
				if lines {
					what = fmt.Sprintf("requests (reads and writes as WebSocket messages, %g to a request; hibernating between them)", ratio.Value)
				}
			}
			add("requests", requests, what)
			duration := ""
			if lines {
				duration = fmt.Sprintf("GB-s of duration (%g s active per request × %g GB)", activeSecondsPerRequest, mem.Value)
			}
			add("duration", (reads+writes)*activeSecondsPerRequest*mem.Value, duration)
			add("rows_read", reads, "SQLite rows read")
			add("rows_written", writes, "SQLite rows written")
			add("storage", a.DatasetGB, "GB stored")
		case matrix.Hyperdrive:
			add("queries", reads+writes, "queries")
			if a.ExistingDatabase == "none" {
				c.Excludes = "the PostgreSQL or MySQL database Hyperdrive would front, which does not exist yet"
			} else {
				c.Excludes = "your existing database, billed by its host as it is today"
			}
		case matrix.R2:
			add("class_b", reads, "Class B operations (reads)")
			add("class_a", writes, "Class A operations (writes)")
			add("storage", a.DatasetGB, "GB stored")
		case matrix.WorkersCache:
			add("requests", reads, "responses served")
		case matrix.Queues:
			opBytes, _ := p.Fact("operation_bytes")
			perMsg, _ := p.Fact("operations_per_message")
			chunks := math.Max(1, math.Ceil(a.ValueBytes/opBytes.Value))
			what := ""
			if lines {
				what = fmt.Sprintf("operations (%g per message sent, %g × %g for write, read and delete)", perMsg.Value*chunks, perMsg.Value, chunks)
			}
			add("operations", writes*perMsg.Value*chunks, what)
		case matrix.Workflows:
			add("requests", writes, "instances started (one per write)")
			add("storage", a.DatasetGB, "GB of state stored")
		case matrix.Vectorize:
			// An embedding is value_bytes of 32-bit floats: its dimensions, up to the limit;
			// the data set holds that many vectors. Each query scans the stored vectors'
			// dimensions once (the pricing page's formula).
			maxDims, _ := p.Fact("max_dimensions")
			dims := math.Min(maxDims.Value, math.Max(1, math.Round(a.ValueBytes/4)))
			vectors := math.Round(a.DatasetGB * 1e9 / math.Max(a.ValueBytes, 4))
			add("queried_dimensions", (reads+vectors)*dims, fmt.Sprintf("queried vector dimensions (%s queries and stored vectors × %g dimensions)", count(reads), dims))
			add("stored_dimensions", vectors*dims, "stored vector dimensions")
		case matrix.AnalyticsEngine:
			add("data_points", writes, "data points written")
			add("read_queries", reads, "read queries (SQL API)")
		case matrix.KVInstant:
			add("reads", reads, "reads")
			add("writes", writes, "writes")
			add("storage", a.DatasetGB, "GB stored")
		}
		c.MonthlyUSD = roundCents(c.MonthlyUSD)
		out = append(out, c)
	}
	return out
}

func rowsText(rows float64) string {
	if rows == 1 {
		return "rows read (one per read)"
	}
	return fmt.Sprintf("rows read (%g per relational query)", rows)
}

func costLine(pr matrix.Price, n float64, what string, usd float64) string {
	qty, included := count(n), count(pr.Included)
	if pr.Unit == "gb_month" {
		qty, included = strconv.FormatFloat(n, 'f', -1, 64), included+" GB"
	}
	if pr.Unit == "gb_second" {
		qty, included = count(math.Round(n)), included+" GB-s"
	}
	// Concatenated, not Sprintf'd: the advisor writes these lines on every evaluation.
	if pr.USD == 0 && pr.Included == 0 {
		return qty + " " + what + ": no charge: $0.00"
	}
	if usd == 0 {
		return qty + " " + what + ": within the " + included + " included: $0.00"
	}
	per := "per million"
	if pr.Per == 1 {
		per = "per GB-month"
	}
	beyond := count(n - pr.Included)
	switch pr.Unit {
	case "gb_month":
		beyond = strconv.FormatFloat(math.Round((n-pr.Included)*100)/100, 'f', -1, 64)
	case "gb_second":
		beyond = count(math.Round(n - pr.Included))
	}
	return qty + " " + what + ": " + beyond + " beyond the " + included + " included × $" + trimPrice(pr.USD) + " " + per +
		" = $" + strconv.FormatFloat(roundCents(usd), 'f', 2, 64)
}

// count writes a large number with thousands separators: 25,000,000.
func count(n float64) string {
	if n != math.Trunc(n) || math.Abs(n) >= 1e15 {
		return strconv.FormatFloat(n, 'f', -1, 64)
	}
	s := strconv.FormatInt(int64(n), 10)
	b := make([]byte, 0, len(s)+len(s)/3)
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 && s[i-1] != '-' {
			b = append(b, ',')
		}
		b = append(b, s[i])
	}
	return string(b)
}

// trimPrice writes a unit price with cents, and more digits only where it has them:
// $0.50, $5.00, $0.015, $0.001.
func trimPrice(usd float64) string {
	cents := strconv.FormatFloat(usd, 'f', 2, 64)
	if s := strconv.FormatFloat(usd, 'f', -1, 64); len(s) > len(cents) {
		return s
	}
	return cents
}

func roundCents(v float64) float64 { return math.Round(v*100) / 100 }

// patternCost costs a pattern's products together. A cache (KV or Workers Cache in front of
// a store) answers cacheHitRatio of the reads; the store behind it serves the misses and
// every write, and each miss fills the cache. Metadata beside objects is one row per object.
// Otherwise each product is costed on the workload's own volumes, an upper bound the lines
// say.
func patternCost(m *matrix.Matrix, a *answers.Answers, key string, products []string) *PatternCost {
	pc := &PatternCost{}
	one := func(id string, b *answers.Answers) Cost {
		for _, c := range costs(m, b, true) {
			if c.Product == id {
				return c
			}
		}
		return Cost{Product: id}
	}
	switch key {
	case "read_through_cache", "response_cache":
		h := cacheHitRatio
		pc.HitRatio = &h
		cache, store := products[1], products[0]
		if key == "response_cache" {
			cache, store = products[0], products[1]
		}
		misses := math.Round(a.ReadsPerMonth * (1 - h))
		c := *a
		c.WritesPerMonth = misses // each miss puts the value back
		pc.Products = append(pc.Products, one(cache, &c))
		s := *a
		s.ReadsPerMonth = misses
		pc.Products = append(pc.Products, one(store, &s))
		info, _ := m.Product(store)
		pc.Lines = append(pc.Lines, fmt.Sprintf("assumed cache hit ratio %g%%: %s of %s reads reach %s, and each miss writes the value back", h*100, count(misses), count(a.ReadsPerMonth), info.Name))
	case "objects_with_metadata":
		pc.Products = append(pc.Products, one(products[0], a))
		meta := *a
		objects := a.DatasetGB * 1e9 / math.Max(a.ValueBytes, 1)
		meta.DatasetGB = objects * metadataBytes / 1e9
		meta.ValueBytes, meta.MaxValueBytes = metadataBytes, metadataBytes
		pc.Products = append(pc.Products, one(products[1], &meta))
		pc.Lines = append(pc.Lines, fmt.Sprintf("metadata: one %s row per object, %s objects", count(metadataBytes)+"-byte", count(math.Round(objects))))
	default:
		for _, id := range products {
			pc.Products = append(pc.Products, one(id, a))
		}
		if len(products) > 1 {
			pc.Lines = append(pc.Lines, "each product costed on the workload's whole volumes: an upper bound")
		}
	}
	for _, c := range pc.Products {
		pc.MonthlyUSD += c.MonthlyUSD
	}
	pc.MonthlyUSD = roundCents(pc.MonthlyUSD)
	return pc
}
