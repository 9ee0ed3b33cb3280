import PodRouteErrno

/// The errno type probe errors carry (shared with the netlink module). Probe messages put the C
/// text mid-sentence, hence `messageInSentence` at their call sites.
public typealias ProbeErrno = PodRouteErrno.Errno
