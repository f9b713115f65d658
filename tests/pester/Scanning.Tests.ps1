#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Pester 5 suite for Start-SvScan and Stop-SvScan (needs supervise and multilog: the module's, or Debian's on PATH).

BeforeAll {
    $root = Split-Path -Parent (Split-Path -Parent $PSScriptRoot)
    Import-Module (Join-Path $root 'out/Daemontools/Daemontools.psd1') -Force

    function New-TestService([string] $Dir, [string] $Run, [string] $LogRun) {
        New-Item -ItemType Directory -Path $Dir -Force | Out-Null
        Set-Content -Path (Join-Path $Dir 'run') -Value "#!/bin/sh`n$Run"
        chmod 755 (Join-Path $Dir 'run')
        if ($LogRun) {
            New-Item -ItemType Directory -Path (Join-Path $Dir 'log') -Force | Out-Null
            Set-Content -Path (Join-Path $Dir 'log/run') -Value "#!/bin/sh`n$LogRun"
            chmod 755 (Join-Path $Dir 'log/run')
        }
    }

    function Wait-Until([scriptblock] $Condition, [int] $Seconds = 15) {
        $deadline = [DateTime]::UtcNow.AddSeconds($Seconds)
        while (-not (& $Condition)) {
            if ([DateTime]::UtcNow -gt $deadline) { throw "timed out waiting for $Condition" }
            Start-Sleep -Milliseconds 20
        }
    }
}

Describe 'Start-SvScan and Stop-SvScan' {
    BeforeEach {
        $tree = Join-Path ([IO.Path]::GetTempPath()) ("dt-pester-" + [guid]::NewGuid())
        $service = Join-Path $tree 'service'
        New-TestService (Join-Path $service 'a') "echo a started`nexec sleep 1000" 'exec multilog ./main'
        $scan = $null
    }

    AfterEach {
        if ($scan) {
            # fallback: kill whatever is left in svscan's session, by pid
            $sid = (Get-Content "/proc/$($scan.ProcessId)/stat" -ErrorAction Ignore) -replace '^.*\) ', '' -split ' ' | Select-Object -Index 3
            if ($sid) {
                Get-ChildItem /proc -Directory | Where-Object Name -match '^\d+$' | ForEach-Object {
                    $f = (Get-Content "$($_.FullName)/stat" -ErrorAction Ignore) -replace '^.*\) ', '' -split ' '
                    if ($f -and $f[3] -eq $sid) { kill -9 $_.Name 2>$null }
                }
            }
        }
        Remove-Item -Recurse -Force $tree -ErrorAction Ignore
    }

    It 'starts svscan, refuses a second one, and stops the tree in order' {
        $scan = Start-SvScan -Path $service -LogPath (Join-Path $tree 'svscan.log')
        $scan.ProcessId | Should -BeGreaterThan 0
        $scan.Path | Should -Be $service
        Wait-Until { (Get-Content (Join-Path $service 'a/log/main/current') -ErrorAction Ignore) -eq 'a started' }

        $stat = Get-SvStat "$service/*" -IncludeLog
        $stat.State | Should -Be 'Up'
        $stat.Log.State | Should -Be 'Up'
        (Get-SvStat "$service/*/log").Path | Should -Be (Join-Path $service 'a/log')

        Start-SvScan -Path $service -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed[0].FullyQualifiedErrorId | Should -Be 'SvScanAlreadyRunning,Daemontools.PowerShell.StartSvScan'

        $stopped = $scan | Stop-SvScan -Timeout 30
        $stopped.Killed | Should -BeFalse
        $stopped.Services | Should -Be @('a', 'a/log')
        Get-Process -Id $scan.ProcessId -ErrorAction Ignore | Should -BeNullOrEmpty
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
