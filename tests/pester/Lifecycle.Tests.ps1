#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Pester 5 suite for the service lifecycle: New-, Enable-, Start-, Stop-, Restart-, Suspend-,
# Resume-, Disable- and Remove-SvService on a temporary scan directory ($env:SVDIR) under Start-SvScan.

BeforeAll {
    $root = Split-Path -Parent (Split-Path -Parent $PSScriptRoot)
    Import-Module (Join-Path $root 'out/Daemontools/Daemontools.psd1') -Force

    function Wait-Until([scriptblock] $Condition, [int] $Seconds = 30) {
        $deadline = [DateTime]::UtcNow.AddSeconds($Seconds)
        while (-not (& $Condition)) {
            if ([DateTime]::UtcNow -gt $deadline) { throw "timed out waiting for $Condition" }
            Start-Sleep -Milliseconds 20
        }
    }

    # Live processes whose working directory lies under $Path (supervise, ./run and multilog run in their service directories).
    # .NET calls rather than Get-Item/Get-Content: with a thousand processes on a loaded machine the cmdlets took half a minute a pass.
    function Get-ProcessIn([string] $Path) {
        foreach ($proc in [IO.Directory]::EnumerateDirectories('/proc')) {
            if ([IO.Path]::GetFileName($proc) -notmatch '^\d+$') { continue }
            try { $cwd = [IO.FileInfo]::new("$proc/cwd").LinkTarget } catch { continue }  # gone, or not ours to read
            if (-not $cwd -or -not $cwd.StartsWith($Path)) { continue }
            try { $stat = [IO.File]::ReadAllText("$proc/stat") } catch { continue }
            if ($stat.Substring($stat.LastIndexOf(')') + 2, 1) -ne 'Z') { [int][IO.Path]::GetFileName($proc) }
        }
    }

    $tree = Join-Path ([IO.Path]::GetTempPath()) ("dt-pester-life-" + [guid]::NewGuid())
    $scanDir = Join-Path $tree 'service'
    $repo = Join-Path $tree 'sv'
    New-Item -ItemType Directory -Path $scanDir | Out-Null
    $savedSvdir = $env:SVDIR
    $env:SVDIR = $scanDir
    $scanner = Start-SvScan -Path $scanDir -LogPath (Join-Path $tree 'svscan.log')
}

AfterAll {
    $scanner | Stop-SvScan -Timeout 30 -ErrorAction Ignore | Out-Null
    # fallback, by pid: whatever still runs in the tree
    Get-ProcessIn $tree | ForEach-Object { kill -9 $_ 2>$null }
    $env:SVDIR = $savedSvdir
    Remove-Item -Recurse -Force $tree -ErrorAction Ignore
}

Describe 'Service lifecycle' {
    It 'lives a whole life: created, enabled, answering, restarted, stopped, started, disabled, removed' {
        $work = Join-Path $tree 'work'
        New-Item -ItemType Directory -Path $work | Out-Null
        mkfifo (Join-Path $work 'requests')
        $answering = 'sh -c ''echo started; while :; do read line < requests && echo "answer $line"; done'''

        $web = New-SvService web $answering -Path $repo -WorkingDirectory $work -Log -LogMaxSize 100000 -Enable -Wait
        $web.Path | Should -Be (Join-Path $repo 'web')
        $web.State | Should -Be 'Up'
        (Get-Item (Join-Path $scanDir 'web')).LinkTarget | Should -Be $web.Path
        (Get-SvStat).Name | Should -Be @('web', 'web/log')

        [IO.File]::WriteAllText((Join-Path $work 'requests'), "ping`n")
        # The logger is up before multilog has made main/: wait for the directory, then the line.
        Wait-Until { (Test-Path (Join-Path $web.Path 'log/main/current')) -and (Get-MultilogEntry (Join-Path $web.Path 'log/main')).Message -contains 'answer ping' }

        $before = (Get-SvStat -Name web).ProcessId
        $restarted = Restart-SvService web -PassThru
        $restarted.ProcessId | Should -Not -Be $before
        $restarted.State | Should -Be 'Up'

        (Stop-SvService web -PassThru).State | Should -Be 'Down'
        ('web' | Start-SvService -PassThru).State | Should -Be 'Up'
        (Suspend-SvService web -PassThru).Paused | Should -BeTrue
        (Resume-SvService web -PassThru).Paused | Should -BeFalse

        Disable-SvService web
        Join-Path $scanDir 'web' | Should -Not -Exist
        Get-ProcessIn $web.Path | Should -BeNullOrEmpty  # supervise and multilog
        Get-ProcessIn $work | Should -BeNullOrEmpty      # ./run, which starts in -WorkingDirectory
        (Get-SvStat $web.Path).State | Should -Be 'NotSupervised'
        Join-Path $web.Path 'run' | Should -Exist

        Remove-SvService $web.Path -Confirm:$false
        $web.Path | Should -Not -Exist
    }

    It 'changes nothing with -WhatIf' {
        New-SvService quiet 'sleep 1000' -Path $repo -Log -Enable -WhatIf | Should -BeNullOrEmpty
        Join-Path $repo 'quiet' | Should -Not -Exist

        $quiet = New-SvService quiet 'sleep 1000' -Path $repo -Enable -Wait
        $pid0 = (Get-SvStat -Name quiet).ProcessId
        Stop-SvService quiet -WhatIf
        Restart-SvService quiet -WhatIf
        Disable-SvService quiet -WhatIf
        Remove-SvService $quiet.Path -WhatIf
        (Get-SvStat -Name quiet).ProcessId | Should -Be $pid0
        Join-Path $scanDir 'quiet' | Should -Exist

        Remove-SvService $quiet.Path -Confirm:$false
    }

    It 'reports failures with stable ids and categories' {
        $dup = New-SvService dup 'sleep 1000' -Path $repo
        New-SvService dup 'sleep 1' -Path $repo -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed[0].FullyQualifiedErrorId | Should -Be 'ServiceExists,Daemontools.PowerShell.NewSvService'
        $failed[0].CategoryInfo.Category | Should -Be 'ResourceExists'
        Get-Content (Join-Path $dup.Path 'run') | Should -Contain 'exec sleep 1000'
        # -Force swaps the new directory in; neither the old one nor the staging folder is left beside it.
        (New-SvService dup 'sleep 2' -Path $repo -Force).Path | Should -Be $dup.Path
        Get-Content (Join-Path $dup.Path 'run') | Should -Contain 'exec sleep 2'
        Get-ChildItem -Force $repo -Name | Where-Object { $_ -like '.*' } | Should -BeNullOrEmpty

        Start-SvService no-such-service -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed[0].FullyQualifiedErrorId | Should -Be 'ServiceNotFound,Daemontools.PowerShell.StartSvService'
        $failed[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'

        Start-SvService -Path $dup.Path -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed[0].FullyQualifiedErrorId | Should -Be 'SuperviseNotRunning,Daemontools.PowerShell.StartSvService'

        Disable-SvService -Path $dup.Path -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed[0].FullyQualifiedErrorId | Should -Be 'ServiceNotEnabled,Daemontools.PowerShell.DisableSvService'

        { Get-SvStat -ScanDirectory (Join-Path $tree 'none') -ErrorAction Stop } | Should -Throw -ErrorId 'ScanDirectoryNotFound,Daemontools.PowerShell.GetSvStat'
        Remove-SvService $dup.Path -Confirm:$false
    }

    It 'refuses -Wait without -Enable, which would wait for nothing, and creates nothing' {
        { New-SvService idle 'sleep 1000' -Path $repo -Wait } | Should -Throw -ErrorId 'WaitWithoutEnable,Daemontools.PowerShell.NewSvService'
        Join-Path $repo 'idle' | Should -Not -Exist
        Join-Path $scanDir 'idle' | Should -Not -Exist
    }

    It 'shows the default table whole at 80 columns, a long name cut short and never the State' {
        $long = 'a-service-with-a-name-longer-than-the-column'
        $up = New-SvService $long 'sleep 1000' -Path $repo -Log -Enable -Wait
        $stopped = New-SvService "$long-down" 'sleep 1000' -Path $repo -Down -Enable -Wait
        $unsupervised = New-SvService "$long-idle" 'sleep 1000' -Path $repo
        $stats = @(Get-SvStat -Name $long, "$long/log", "$long-down") + @(Get-SvStat $unsupervised.Path)
        @($stats.State | ForEach-Object { "$_" }) | Should -Be @('Up', 'Up', 'Down', 'NotSupervised')
        $lines = @(($stats | Out-String -Width 80) -split "`n" | ForEach-Object TrimEnd | Where-Object { $_ })
        $lines[0] | Should -Match '^Name\s+State\s+PID\s+Seconds\s+Normally\s+Want\s+Paused\s+Last exit$'
        $lines | ForEach-Object { $_.Length | Should -BeLessOrEqual 80 -Because $_ }
        $rows = $lines[2..($lines.Count - 1)]
        $rows.Count | Should -Be 4
        for ($i = 0; $i -lt 4; $i++) {
            $rows[$i] | Should -Match "^\S+\s+$($stats[$i].State)\s" -Because 'the State column holds the whole value'
        }
        $rows[0] | Should -Match "\s$($up.ProcessId)\s+\d+\s+up\s"
        Disable-SvService "$long*"
        foreach ($service in $up, $stopped, $unsupervised) { Remove-SvService $service.Path -Confirm:$false }
    }

    It 'pipes New-SvService into Enable-SvService and finds services by -Name in $env:SVDIR' {
        $enabled = New-SvService beta 'sleep 1000' -Path $repo -Down -Log | Enable-SvService -Wait -PassThru
        $enabled.Path | Should -Be (Join-Path $scanDir 'beta')
        $enabled.State | Should -Be 'Down'
        $enabled.NormallyUp | Should -BeFalse

        (Invoke-Svc -Name beta -Up -Wait -PassThru).State | Should -Be 'Up'
        (Wait-SvStat -Name beta/log Up).Name | Should -Be 'beta/log'
        Test-SvOk -Name beta, beta/log | Should -Be @($true, $true)
        (Get-SvStat -Name */log).Name | Should -Be 'beta/log'
        (Get-SvStat -Name beta).LogDetached | Should -BeFalse
        # Positional arguments stay paths; a name typed there is pointed to -Name.
        Get-SvStat beta/log -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed[0].FullyQualifiedErrorId | Should -Be 'ServiceDirectoryNotFound,Daemontools.PowerShell.GetSvStat'
        $failed[0].Exception.Message | Should -BeLike "*of $scanDir, use -Name beta/log."

        Remove-SvService (Join-Path $repo 'beta') -Confirm:$false
        Join-Path $scanDir 'beta' | Should -Not -Exist
        Get-ProcessIn (Join-Path $repo 'beta') | Should -BeNullOrEmpty
    }

    It 'waits for readiness when the service reports it' {
        $ready = New-SvService gamma "sh -c 'sleep 0.5; echo >&3; exec sleep 1000'" -Path $repo -ReadinessFd 3 -Enable -Wait
        $ready.State | Should -Be 'Ready'
        $again = Restart-SvService gamma -PassThru
        $again.State | Should -Be 'Ready'
        $again.ProcessId | Should -Not -Be $ready.ProcessId
        Remove-SvService $ready.Path -Confirm:$false
    }

    It 'completes service names, accounts and signal names' {
        New-SvService alpha 'sleep 1000' -Path $repo -Log -Enable -Wait | Out-Null
        $line = 'Stop-SvService -Name al'
        (TabExpansion2 $line $line.Length).CompletionMatches.CompletionText | Should -Be @('alpha', 'alpha/log')
        $line = 'New-SvService x y -User roo'
        (TabExpansion2 $line $line.Length).CompletionMatches.CompletionText | Should -Contain 'root'
        $line = 'New-SvService x y -DownSignal HU'
        (TabExpansion2 $line $line.Length).CompletionMatches.CompletionText | Should -Be 'HUP'
        Disable-SvService alpha
        Remove-SvService (Join-Path $repo 'alpha') -Confirm:$false
    }
}

Describe 'A service made by New-SvService under Debian''s svscan and supervise' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'Support/TestSupport.psm1') -Force
        $debian = Join-Path $tree 'debian'
        $debianScan = Join-Path $debian 'service'
        $debianRepo = Join-Path $debian 'sv'
        New-Item -ItemType Directory -Path $debianScan | Out-Null
        # Debian's svscan in a session of its own, finding Debian's supervise first on its PATH.
        $info = [Diagnostics.ProcessStartInfo]::new('/bin/sh')
        foreach ($argument in '-c', 'exec /usr/bin/setsid /usr/bin/svscan "$1" >"$2" 2>&1', 'sh', $debianScan, (Join-Path $debian 'svscan.log')) { $info.ArgumentList.Add($argument) }
        $info.Environment['PATH'] = '/usr/bin:/bin'
        $info.UseShellExecute = $false
        $started = [Diagnostics.Process]::Start($info)
        # setsid forks only when it leads a process group already; either way svscan leads the session named by its pid.
        Wait-Until {
            $script:debianSvscan = foreach ($proc in [IO.Directory]::EnumerateDirectories('/proc')) {
                if ([IO.Path]::GetFileName($proc) -notmatch '^\d+$') { continue }
                try { $line = [IO.File]::ReadAllText("$proc/cmdline") } catch { continue }
                if ($line -eq "/usr/bin/svscan`0$debianScan`0") { [int][IO.Path]::GetFileName($proc); break }
            }
            $script:debianSvscan
        }
    }

    AfterAll {
        if ($script:debianSvscan) { Stop-Session (Get-ProcessStat $script:debianSvscan).Session }
        if ($started -and -not $started.HasExited) { kill -9 $started.Id 2>$null }
    }

    It 'runs, logs, restarts, stops and starts, and is disabled and removed with nothing left behind' {
        # The inner shell's pid is the service's: exec keeps it.
        $service = New-SvService deb 'sh -c ''echo hello from $$; exec sleep 1000''' -Path $debianRepo -Log -ScanDirectory $debianScan -Enable -Wait
        $service.State | Should -Be 'Up'
        $supervise = (Get-ProcessStat $service.ProcessId).Parent
        Get-ProcessExecutable $supervise | Should -Be '/usr/bin/supervise'
        /usr/bin/svstat $service.Path | Should -Match "^$([regex]::Escape($service.Path)): up \(pid $($service.ProcessId)\) \d+ seconds$"
        $main = Join-Path $service.Path 'log/main'
        Wait-Until { (Test-Path (Join-Path $main 'current')) -and (Get-MultilogEntry $main).Message -contains "hello from $($service.ProcessId)" }

        $restarted = Restart-SvService deb -ScanDirectory $debianScan -PassThru
        $restarted.ProcessId | Should -Not -Be $service.ProcessId
        (Get-ProcessStat $restarted.ProcessId).Parent | Should -Be $supervise
        Wait-Until { (Get-MultilogEntry $main).Message -contains "hello from $($restarted.ProcessId)" }

        (Stop-SvService deb -ScanDirectory $debianScan -PassThru).State | Should -Be 'Down'
        /usr/bin/svstat $service.Path | Should -Match ': down \d+ seconds, normally up$'
        (Start-SvService deb -ScanDirectory $debianScan -PassThru).State | Should -Be 'Up'

        Disable-SvService deb -ScanDirectory $debianScan
        Join-Path $debianScan 'deb' | Should -Not -Exist
        Get-ProcessIn $service.Path | Should -BeNullOrEmpty
        /usr/bin/svok $service.Path; $LASTEXITCODE | Should -Be 100
        Join-Path $service.Path 'run' | Should -Exist

        Remove-SvService $service.Path -ScanDirectory $debianScan -Confirm:$false
        $service.Path | Should -Not -Exist
    }
}
