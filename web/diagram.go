package web

import (
	"fmt"
	"math"
	"strings"

	"github.com/storewise/storewise/rules"
)

// diagram is the architecture drawn as inline SVG (no script): the Worker on the left, the
// pattern's products on the right, one arrow per read or write path. Reads are solid,
// writes dashed. The numbers are laid out here; the template only places them.
type diagram struct {
	Title, Desc string
	Width       int
	Height      int
	Nodes       []diagramNode
	Edges       []diagramEdge
}

type diagramNode struct {
	Name       string
	X, Y, W, H int
	TX, TY     int // the name's anchor
	Worker     bool
}

type diagramEdge struct {
	X1, Y1, X2, Y2 int
	LX, LY         int
	Anchor         string // text-anchor of the label
	Label          string
	Write          bool
	Head           string // the arrowhead's points, drawn (a marker would need url(), which the report never loads)
}

const (
	nodeH       = 40
	workerX     = 10
	workerW     = 110
	productX    = 340
	productW    = 150
	productGap  = 60
	diagramTopY = 20
)

// newDiagram lays the pattern out; nil when there is no pattern.
func newDiagram(r *rules.Recommendation) *diagram {
	if r.Pattern == nil || len(r.Pattern.Paths) == 0 {
		return nil
	}
	p := r.Pattern
	d := &diagram{Width: 640}
	y := map[string]int{}
	for i, id := range p.Products {
		y[id] = diagramTopY + i*(nodeH+productGap)
		d.Nodes = append(d.Nodes, diagramNode{Name: Name(r, id), X: productX, Y: y[id], W: productW, H: nodeH, TX: productX + productW/2, TY: y[id] + nodeH/2 + 4})
	}
	last := diagramTopY + (len(p.Products)-1)*(nodeH+productGap)
	wy := (diagramTopY + last) / 2
	y["worker"] = wy
	d.Nodes = append([]diagramNode{{Name: "Worker", X: workerX, Y: wy, W: workerW, H: nodeH, TX: workerX + workerW/2, TY: wy + nodeH/2 + 4, Worker: true}}, d.Nodes...)
	d.Height = last + nodeH + diagramTopY

	// Several paths between the same two ends are spread apart.
	seen := map[[2]string]int{}
	var desc []string
	for _, pa := range p.Paths {
		k := [2]string{pa.From, pa.To}
		off := seen[k] * 14
		seen[k]++
		e := diagramEdge{Label: pa.Label, Write: pa.Kind == "write"}
		if pa.From == "worker" {
			e.X1, e.Y1 = workerX+workerW, y["worker"]+nodeH/2-6+off
			e.X2, e.Y2 = productX, y[pa.To]+nodeH/2-6+off
			e.LX, e.LY, e.Anchor = (e.X1+e.X2)/2, (e.Y1+e.Y2)/2-4, "middle"
		} else {
			// Between two products: a vertical arrow beside them.
			x := productX + productW/2 + off
			e.X1, e.X2 = x, x
			if y[pa.From] < y[pa.To] {
				e.Y1, e.Y2 = y[pa.From]+nodeH, y[pa.To]
			} else {
				e.Y1, e.Y2 = y[pa.From], y[pa.To]+nodeH
			}
			e.LX, e.LY, e.Anchor = x+8, (e.Y1+e.Y2)/2+4, "start"
		}
		e.Head = arrowhead(e.X1, e.Y1, e.X2, e.Y2)
		d.Edges = append(d.Edges, e)
		kind := "reads"
		if e.Write {
			kind = "writes"
		}
		from := "the Worker"
		if pa.From != "worker" {
			from = Name(r, pa.From)
		}
		desc = append(desc, fmt.Sprintf("%s to %s: %s (%s)", from, Name(r, pa.To), pa.Label, kind))
	}
	d.Title = "Architecture: " + p.Name
	d.Desc = strings.ToUpper(desc[0][:1]) + strings.Join(desc, "; ")[1:] + "."
	return d
}

// arrowhead is a small triangle at (x2, y2) pointing from (x1, y1).
func arrowhead(x1, y1, x2, y2 int) string {
	dx, dy := float64(x2-x1), float64(y2-y1)
	n := math.Hypot(dx, dy)
	if n == 0 {
		return ""
	}
	ux, uy := dx/n, dy/n
	const length, half = 9.0, 4.0
	bx, by := float64(x2)-ux*length, float64(y2)-uy*length
	return fmt.Sprintf("%d,%d %.1f,%.1f %.1f,%.1f", x2, y2, bx-uy*half, by+ux*half, bx+uy*half, by-ux*half)
}
