import CNetlink
import PodRouteCore

/// `RTA_METRICS`: a nest of `RTAX_*` u32 values in kernel order; `RTAX_LOCK` is a bit mask of
/// locked metrics (`mtu lock 1400`) and `RTAX_CC_ALGO` a congestion-control name.
enum RouteMetricsDecoder {
    static func decode(_ attributes: NetlinkAttributes) -> RouteMetrics {
        var metrics = RouteMetrics()
        for attribute in attributes {
            switch Int(attribute.type) {
            case Int(RTAX_LOCK): metrics.locked = attribute.uint32 ?? 0
            case Int(RTAX_CC_ALGO): metrics.congestionControl = attribute.string
            default:
                guard let value = attribute.uint32 else { continue }
                metrics.values.append(RouteMetric(RouteMetric.Kind(rawValue: attribute.type), value))
            }
        }
        return metrics
    }
}
