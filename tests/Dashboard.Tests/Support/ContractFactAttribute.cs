using Xunit.Abstractions;
using Xunit.Sdk;

namespace Dashboard.Tests.Support;

/// <summary>A [Fact] for a suite written once in an abstract base class and run by one subclass per provider.
/// An attribute on a base method cannot know which subclass runs it, so the skip decision is made per test
/// class: a class marked <see cref="RequiresPostgresAttribute"/> gets the <see cref="PostgresFactAttribute"/> rule.</summary>
[XunitTestCaseDiscoverer("Dashboard.Tests.Support.ContractFactAttribute+Discoverer", "Dashboard.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class ContractFactAttribute : FactAttribute
{
    public sealed class Discoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
    {
        public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute) =>
            [new TestCase(diagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod)];
    }

    public sealed class TestCase : XunitTestCase
    {
        [Obsolete("Called by the de-serializer only")]
        public TestCase()
        {
        }

        public TestCase(IMessageSink diagnosticMessageSink, TestMethodDisplay methodDisplay, TestMethodDisplayOptions methodDisplayOptions, ITestMethod testMethod)
            : base(diagnosticMessageSink, methodDisplay, methodDisplayOptions, testMethod)
        {
        }

        // Recomputed from the environment after de-serialization too, so nothing extra needs serializing.
        protected override string GetSkipReason(IAttributeInfo factAttribute) =>
            base.GetSkipReason(factAttribute)
            ?? (TestMethod.TestClass.Class.GetCustomAttributes(typeof(RequiresPostgresAttribute).AssemblyQualifiedName).Any()
                ? PostgresTestDatabase.SkipReason!
                : null!);
    }
}
