using Dashboard.Bench;

// Sub-commands, driven by bench/run.sh:
//   free-port                                   prints a free TCP port on 127.0.0.1
//   upstream   --port P                         the fake upstream (4 JSON endpoints, /stats)
//   setup-db   --admin CS --database NAME --rows N   (re)creates the bench database and fills events
//   db-connection --admin CS --database NAME    prints the bench database's connection string
//   reset-storage --connection CS               empties the app's storage tables between runs
//   config     --out DIR --upstream URL --connection CS --max-age SECONDS [--wwwroot DIR]
//   wait-ready --url URL [--timeout S]          waits until a URL answers 200
//   load       --url URL --upstream URL --pid PID --label L --concurrency 1,50,500 --warmup S --duration S --out FILE
//   live       --url URL --upstream URL --pid PID --viewers N --duration S [--slug S] [--out FILE]
//   circuits   --url URL --upstream URL --pid PID --viewers N --duration S [--slug S] [--out FILE]
//                                               the same viewers over Interactive Server circuits (Dashboard:Live:Mode=Circuit)
//   report     FILE...                          prints the markdown results table and target checks
//   fault-upstream --port P --value-port Q      the fault run's upstream: GET /value on Q, POST /mode/{ok|503|hang|refused} and /stats on P
//   fault-config --out DIR --value-url URL --healthy-url URL --management-url URL [--wwwroot DIR]
//   fault      --url URL --control URL --metrics URL --mode M --concurrency C [--before S --failure S --after-max S] --out FILE
//   charts     [--renders N] [--url URL]        CPU and bytes per rendered chart panel (in process); with --url, a
//                                               running app's page weight and its chart panels' share
try
{
    var command = args.Length > 0 ? args[0] : "help";
    var options = Args.Parse(args.Skip(1).ToArray());
    return command switch
    {
        "free-port" => FreePort.Print(),
        "upstream" => await FakeUpstream.RunAsync(options),
        "db-connection" => BenchDatabase.PrintConnectionString(options),
        "setup-db" => await BenchDatabase.SetupAsync(options),
        "reset-storage" => await BenchDatabase.ResetStorageAsync(options),
        "config" => AppConfig.Write(options),
        "wait-ready" => await Readiness.WaitAsync(options),
        "load" => await LoadRunner.RunAsync(options),
        "live" => await LiveRunner.RunAsync(options),
        "circuits" => await CircuitRunner.RunAsync(options),
        "report" => Report.Print(options),
        "fault-upstream" => await FaultUpstream.RunAsync(options),
        "fault-config" => FaultConfig.Write(options),
        "fault" => await FaultRunner.RunAsync(options),
        "charts" => await ChartRenderBench.RunAsync(options),
        _ => Usage(),
    };
}
catch (BenchException ex)
{
    await Console.Error.WriteLineAsync($"bench: {ex.Message}");
    return 2;
}

static int Usage()
{
    Console.Error.WriteLine("usage: Dashboard.Bench free-port|upstream|db-connection|setup-db|reset-storage|config|wait-ready|load|live|circuits|report|charts|fault-upstream|fault-config|fault [--option value ...]");
    return 2;
}
