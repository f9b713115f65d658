#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Pester 5 suite for Start-SvScan and Stop-SvScan, with the module's own svscan, supervise and
# multilog. Every tree started here is stopped, and its session killed by pid as a fallback.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Support/TestSupport.psm1') -Force
    Import-Module (Get-BuiltModule) -Force
    $bin = Join-Path (Get-RepoRoot) 'out/Daemontools/bin'
    $binary = (Get-Item (Join-Path $bin 'daemontools')).FullName
}

Describe 'Start-SvScan and Stop-SvScan' {
    BeforeEach {
        $tree = New-TestTree
        $service = Join-Path $tree 'service'
        # The run script logs its own shutdown: the line reaches the log only if the logger outlives it.
        # 'a started' comes once the trap is set: a test that stops the tree after seeing it gets 'a stopping'.
        New-TestService (Join-Path $service 'a') "trap 'echo a stopping; kill `$!; exit 0' TERM`necho a started`nsleep 1000 & wait" 'exec multilog ./main'
        $sessions = [Collections.Generic.List[int]]::new()
    }

    AfterEach {
        foreach ($session in $sessions) { Stop-Session $session }
        Remove-Item -Recurse -Force $tree -ErrorAction Ignore
    }

    It 'starts the module''s svscan and supervise, refuses a second one, stops the tree in order and leaves no process, not even a zombie' {
        $scan = Start-SvScan -Path $service -LogPath (Join-Path $tree 'svscan.log')
        $sessions.Add((Get-ProcessStat $scan.ProcessId).Session)
        $scan.ProcessId | Should -BeGreaterThan 0
        $scan.Path | Should -Be $service
        $scan.StartTime | Should -BeOfType [datetime]
        $scan.StartTime.Kind | Should -Be 'Utc'
        Wait-Until { (Get-Content (Join-Path $service 'a/log/main/current') -ErrorAction Ignore) -eq 'a started' } 'a to log'

        # svscan and every supervise run the module's binary: nothing found elsewhere on PATH.
        Get-ProcessExecutable $scan.ProcessId | Should -Be $binary
        $supervisors = Get-ChildProcess $scan.ProcessId
        $supervisors.Count | Should -Be 2
        $supervisors | ForEach-Object { Get-ProcessExecutable $_ | Should -Be $binary }

        $stat = Get-SvStat "$service/*" -IncludeLog
        $stat.State | Should -Be 'Up'
        $stat.Log.State | Should -Be 'Up'

        Start-SvScan -Path $service -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed[0].FullyQualifiedErrorId | Should -Be 'SvScanAlreadyRunning,Daemontools.PowerShell.StartSvScan'

        # The module's own processes of the tree: svscan, both supervise and multilog.
        $ours = @(Get-SessionMember $sessions[0] | Where-Object { (Get-ProcessExecutable $_) -eq $binary })
        $ours.Count | Should -Be 4

        $stopped = $scan | Stop-SvScan -Timeout 30
        $stopped.Killed | Should -BeFalse
        $stopped.Services | Should -Be @('a', 'a/log')
        Get-Content (Join-Path $service 'a/log/main/current') | Should -Be @('a started', 'a stopping')
        # svscan was this session's child and has been reaped, and svscan reaped its supervisors and
        # they their multilog: no process, no zombie (this machine's init never reaps orphans).
        foreach ($id in $ours) { Get-ProcessStat $id | Should -BeNullOrEmpty -Because "pid $id ($(Get-Content -Raw /proc/$id/cmdline -ErrorAction Ignore)) must be reaped" }
        Get-SessionMember $sessions[0] | Should -BeNullOrEmpty
    }

    It 'reaps the readproctitle pipeline too' {
        $scan = Start-SvScan -Path $service
        $session = (Get-ProcessStat $scan.ProcessId).Session
        $sessions.Add($session)
        Wait-Until { (Get-Content (Join-Path $service 'a/log/main/current') -ErrorAction Ignore) -eq 'a started' } 'a to log'
        $readproctitle = Get-SessionMember $session | Where-Object { (Get-ProcessExecutable $_) -eq $binary -and (Get-Content -Raw "/proc/$_/cmdline") -match 'readproctitle' }
        $readproctitle | Should -Not -BeNullOrEmpty

        $scan | Stop-SvScan -Timeout 30 | Select-Object -ExpandProperty Killed | Should -BeFalse
        Get-ProcessStat $scan.ProcessId | Should -BeNullOrEmpty
        Wait-Until { -not (Get-SessionMember $session) } "svscan's session to empty"
    }

    It 'reports SvScanNotRunning for a directory nobody scans' {
        Stop-SvScan -Path $service -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed[0].FullyQualifiedErrorId | Should -Be 'SvScanNotRunning,Daemontools.PowerShell.StopSvScan'
    }

    It 'starts nothing with -WhatIf' {
        Start-SvScan -Path $service -WhatIf | Should -BeNullOrEmpty
        Join-Path $service '.svscan.lock' | Should -Not -Exist
    }
}

Describe 'Start-SvScan -Wait in a real pwsh process' {
    BeforeEach {
        $tree = New-TestTree
        $service = Join-Path $tree 'service'
        New-TestService (Join-Path $service 'a') "trap 'echo a stopping; kill `$!; exit 0' TERM`necho a started`nsleep 1000 & wait" 'exec multilog ./main'
        $session = 0
    }

    AfterEach {
        Stop-Session $session
        Remove-Item -Recurse -Force $tree -ErrorAction Ignore
    }

    It 'stops the tree in order on <Signal> to pwsh, then lets the signal end pwsh' -ForEach @(
        @{ Signal = 'TERM'; Number = 15 }
        @{ Signal = 'HUP'; Number = 1 }
    ) {
        $command = "Import-Module '$(Get-BuiltModule)'; Start-SvScan '$service' -Wait -LogPath '$tree/svscan.log' | Out-Null; 'not reached'"
        $pwsh = Start-TestPwsh -Command $command
        Wait-Until { (Get-Content (Join-Path $service 'a/log/main/current') -ErrorAction Ignore) -eq 'a started' } 'the tree to run'
        # svscan is pwsh's own child, in a session of its own.
        $scanner = Get-ChildProcess $pwsh.Id | Where-Object { (Get-ProcessExecutable $_) -eq $binary }
        $scanner | Should -HaveCount 1
        $session = (Get-ProcessStat $scanner).Session
        $session | Should -Be $scanner

        kill "-$Signal" $pwsh.Id
        $ended = Wait-TestPwsh $pwsh
        # The signal, passed on once the tree was down, ended pwsh (128 + signal number).
        $ended.ExitCode | Should -Be (128 + $Number)
        $ended.Output | Should -Not -Match 'not reached'
        Get-Content (Join-Path $service 'a/log/main/current') | Should -Be @('a started', 'a stopping')
        (Get-Item (Join-Path $service 'a/log/main/current')).UnixFileMode.HasFlag([IO.UnixFileMode]::UserExecute) | Should -BeTrue
        Get-SessionMember $session | Should -BeNullOrEmpty
        # pwsh reaped svscan before it ended: not even a zombie left to an init that never reaps.
        Get-ProcessStat $scanner | Should -BeNullOrEmpty
        Join-Path $service '.svscan.lock' | Should -Exist
        Stop-SvScan $service -ErrorAction SilentlyContinue -ErrorVariable notRunning
        $notRunning[0].FullyQualifiedErrorId | Should -Be 'SvScanNotRunning,Daemontools.PowerShell.StopSvScan'
    }
}
