package param

type Field[T any] struct {
	Value   T
	Null    bool
	Present bool
}
