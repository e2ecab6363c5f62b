/// Something that writes its own samples into the exposition (built-in HTTP metrics, callback gauges).
protocol MetricsCollector: Sendable {
    func render(into out: inout String)
}

struct CounterFamilyCollector: MetricsCollector {
    let family: MetricFamily<Counter>
    func render(into out: inout String) {
        PrometheusText.header(family.name, family.help, "counter", into: &out)
        for (values, counter) in family.snapshot() {
            out += family.name + PrometheusText.labels(family.labelNames, values) + " " + String(counter.value) + "\n"
        }
    }
}

struct GaugeFamilyCollector: MetricsCollector {
    let family: MetricFamily<Gauge>
    func render(into out: inout String) {
        PrometheusText.header(family.name, family.help, "gauge", into: &out)
        for (values, gauge) in family.snapshot() {
            out += family.name + PrometheusText.labels(family.labelNames, values) + " " + PrometheusText.number(gauge.value) + "\n"
        }
    }
}

struct HistogramFamilyCollector: MetricsCollector {
    let family: MetricFamily<Histogram>
    func render(into out: inout String) {
        PrometheusText.header(family.name, family.help, "histogram", into: &out)
        for (values, histogram) in family.snapshot() {
            histogram.render(name: family.name, labels: PrometheusText.labels(family.labelNames, values), into: &out)
        }
    }
}

struct CallbackGaugeCollector: MetricsCollector {
    let name: String
    let help: String
    let value: @Sendable () -> Double
    func render(into out: inout String) {
        PrometheusText.header(name, help, "gauge", into: &out)
        out += name + " " + PrometheusText.number(value()) + "\n"
    }
}

struct CallbackCounterFamilyCollector: MetricsCollector {
    let name: String
    let help: String
    let labelName: String
    let values: @Sendable () -> [(label: String, value: Int)]
    func render(into out: inout String) {
        PrometheusText.header(name, help, "counter", into: &out)
        for sample in values() {
            out += name + PrometheusText.labels([labelName], [sample.label]) + " " + String(sample.value) + "\n"
        }
    }
}
