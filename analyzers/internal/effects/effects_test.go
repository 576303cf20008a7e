package effects

import (
	"go/token"
	"go/types"
	"testing"
)

// fn builds a function object pkgpath.name, a method of named type recv when recv is
// set (pointer receiver when ptr).
func fn(path, recv, name string, ptr bool) *types.Func {
	pkg := types.NewPackage(path, path)
	var r *types.Var
	if recv != "" {
		var t types.Type = types.NewNamed(types.NewTypeName(token.NoPos, pkg, recv, nil), types.NewStruct(nil, nil), nil)
		if ptr {
			t = types.NewPointer(t)
		}
		r = types.NewVar(token.NoPos, pkg, "r", t)
	}
	res := types.NewTuple(types.NewVar(token.NoPos, pkg, "", types.Typ[types.String]))
	return types.NewFunc(token.NoPos, pkg, name, types.NewSignatureType(r, nil, nil, nil, res, false))
}

func TestOf(t *testing.T) {
	for _, c := range []struct {
		f    *types.Func
		has  Effect
		lack Effect
	}{
		{fn("time", "", "Sleep", false), Waits, Pure},
		{fn("golang.org/x/time/rate", "Limiter", "Wait", true), Waits, 0},
		{fn("fmt", "", "Errorf", false), BuildsError | OnlyReads, Logs},
		{fn("fmt", "", "Sprintf", false), Pure | BuildsKey | OnlyReads, PrintsStdout},
		{fn("fmt", "", "Println", false), PrintsStdout, Logs},
		{fn("fmt", "", "Fprintf", false), PrintsTo, PrintsStdout},
		{fn("log/slog", "", "Info", false), Logs, 0},
		{fn("go.uber.org/zap/zapcore", "Core", "Write", false), Logs, 0},
		{fn("net/http", "", "Error", false), AnswersHTTPError, 0},
		{fn("strings", "", "Join", false), Pure | BuildsKey | OnlyReads, 0},
		{fn("strings", "", "NewReplacer", false), Pure, BuildsKey},
		{fn("strings", "Builder", "String", true), 0, Pure | BuildsKey},
		{fn("maps", "", "Keys", false), IteratesMemory, Waits},
		{fn("time", "", "Now", false), ClockNow, 0},
		{fn("time", "Time", "Unix", false), ClockUnix, ClockNow},
		{fn("strconv", "", "Atoi", false), ParsesNumber | Pure, BuildsKey},
		{fn("strconv", "", "Itoa", false), BuildsKey, ParsesNumber},
		{fn("example.com/app", "", "Sleep", false), 0, Waits},
	} {
		got := Of(c.f)
		if got&c.has != c.has || got&c.lack != 0 {
			t.Errorf("Of(%s) = %b, want %b set and %b clear", c.f.FullName(), got, c.has, c.lack)
		}
	}
}

func TestNames(t *testing.T) {
	for name, want := range map[string]bool{"Exists": true, "KeyExists": true, "HasKey": true, "IsSet": true, "Get": false, "Ping": false} {
		if got := NamedForExistence(name); got != want {
			t.Errorf("NamedForExistence(%q) = %v", name, got)
		}
	}
	if !NamedToWait("Wait") || NamedToWait("Put") {
		t.Error("NamedToWait: Wait waits, Put does not")
	}
}
