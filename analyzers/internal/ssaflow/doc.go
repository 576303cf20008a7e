// Package ssaflow is kvlint's generic reasoning on SSA, with no KV names: what a check
// needs to know about one function's code whatever the API it calls.
//
//   - flow (Flow): forward reachability without loop back edges, domination, and taint
//     (the values that depend on some seeds through data flow and memory); one graph
//     walk (Walk) behind every reachability question;
//   - branch conditions: the branch ending a block (BranchOf), the side of it a block
//     lies on (Side), the err == nil / err != nil test (NilTest, ErrNilTest,
//     ErrorFailure, OnErrorSide), comparisons (IsComparison, IsEquality, IsOrdering,
//     ConstCompared, StringCompared), negations (StripNot);
//   - key terms (Term): the canonical shape of a value built from constants,
//     parameters, package variables, pure calls and fields, so that two keys built
//     the same way compare equal; their builder (Terms, TermOf), the purity of the
//     package's functions (Purity), Unwrap, Deref, LocalAddr;
//   - memory (Memory, Write): what each instruction may write, and where the memory
//     a term is read from may have changed since an instruction (ChangedAfter);
//   - literals: the fields and elements of struct and slice literals (FieldStore,
//     ElementFieldStores, SliceLiteral), results and arguments of calls.
//
// What known functions do (pure, only read, scan) it asks internal/effects; what the KV
// clients add (their calls write nothing of the caller's, a namespace opened by binding
// name) the caller hands it as a Knowledge. kvapi builds the KV model on it; the checks
// use it for their own questions.
package ssaflow
