package directives

//kvlint:ignore // want `malformed kvlint:ignore directive: name the analyzer`
var a int

//kvlint:ignore kvrmw // want `kvlint:ignore directive without a reason`
var b int

//kvlint:ignore kvrwm -- typo // want `kvlint:ignore names unknown analyzer "kvrwm"`
var d int

//kvlint:ignore kvttl -- a known analyzer's name is accepted; whether it silences anything is for kvttl to report
var e int

//kvlint:ignoreme -- not a directive
var f int
