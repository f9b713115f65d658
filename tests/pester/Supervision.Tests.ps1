#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Pester 5 suite for the supervision cmdlets. Starts this repository's supervise (out/Daemontools/bin)
# on a temporary service directory and kills it, and every ./run it started, by pid at the end.

BeforeAll {
    $repo = (Resolve-Path "$PSScriptRoot/../..").Path
    Import-Module "$repo/out/Daemontools/Daemontools.psd1" -Force
    $script:root = Join-Path ([System.IO.Path]::GetTempPath()) ("dt-pester-" + [guid]::NewGuid())
    $script:service = Join-Path $root 'web'
    New-Item -ItemType Directory -Path $service | Out-Null
    Set-Content -Path "$service/run" -Value "#!/bin/sh`nexec sleep 1000"
    chmod 755 "$service/run"
    $script:runPids = [System.Collections.Generic.HashSet[int]]::new()
    $script:supervise = Start-Process -FilePath "$repo/out/Daemontools/bin/supervise" -ArgumentList $service -PassThru
    Wait-SvStat -Path $service -State Up -Timeout 10 | Out-Null

    function Remember { param($Status) if ($Status.ProcessId) { [void]$script:runPids.Add($Status.ProcessId) } }
}

AfterAll {
    Get-SvStat -Path $service -ErrorAction SilentlyContinue | ForEach-Object { Remember $_ }
    if ($supervise -and -not $supervise.HasExited) { Stop-Process -Id $supervise.Id -Force }
    foreach ($id in $runPids) { Stop-Process -Id $id -Force -ErrorAction SilentlyContinue }
    Remove-Item -Recurse -Force $root -ErrorAction SilentlyContinue
}

Describe 'Get-SvStat' {
    It 'reports a running service as Up with its pid' {
        $status = Get-SvStat -Path $service
        Remember $status
        $status.State | Should -Be 'Up'
        $status.ProcessId | Should -BeGreaterThan 0
        $status.NormallyUp | Should -BeTrue
        $status.StatusBytes.Length | Should -Be 18
        $status.ToString() | Should -Match '^.*/web: up \(pid \d+\) \d+ seconds$'
    }

    It 'binds Get-ChildItem output by FullName' {
        (Get-ChildItem -Directory $root | Get-SvStat).Name | Should -Be 'web'
    }

    It 'is silent for a wildcard that matches nothing' {
        Get-SvStat -Path "$root/nothing*" | Should -BeNullOrEmpty
    }

    It 'writes ServiceDirectoryNotFound for a missing directory' {
        { Get-SvStat -Path "$root/missing" -ErrorAction Stop } | Should -Throw -ErrorId 'ServiceDirectoryNotFound,Daemontools.PowerShell.GetSvStat'
    }
}

Describe 'Invoke-Svc' {
    It 'stops and starts the service, waiting for each state' {
        (Invoke-Svc -Path $service -Down -Wait -PassThru).State | Should -Be 'Down'
        $up = Invoke-Svc -Path $service -Up -Wait -Timeout 10 -PassThru
        Remember $up
        $up.State | Should -Be 'Up'
    }

    It 'pauses and continues' {
        (Invoke-Svc -Path $service -Command Pause -Wait -PassThru).Paused | Should -BeTrue
        (Invoke-Svc -Path $service -Command Continue -Wait -PassThru).Paused | Should -BeFalse
    }

    It 'warns, writes the commands and goes on when supervise/control is not a FIFO' {
        $stale = Join-Path $root 'stale'
        New-Item -ItemType Directory -Path "$stale/supervise" | Out-Null
        Set-Content -Path "$stale/supervise/control" -Value '' -NoNewline
        Invoke-Svc -Path $stale, $service -Down -ErrorVariable failed -WarningVariable warned -WarningAction SilentlyContinue
        $failed | Should -BeNullOrEmpty
        @($warned).Count | Should -Be 1
        "$($warned[0])" | Should -Be "Cannot control '$stale' at once: supervise/control is not a FIFO; supervise applies the commands when it next wakes."
        Get-Content -Raw "$stale/supervise/control" | Should -Be 'd'
        (Wait-SvStat -Path $service -State Down -Timeout 10).State | Should -Be 'Down'
        Remember (Invoke-Svc -Path $service -Up -Wait -Timeout 10 -PassThru)
    }

    It 'sends nothing with -WhatIf' {
        $before = Get-SvStat -Path $service
        Invoke-Svc -Path $service -Down -WhatIf
        (Get-SvStat -Path $service).ProcessId | Should -Be $before.ProcessId
    }
}

Describe 'Test-SvOk and Wait-SvStat' {
    It 'is true while supervise runs' {
        Test-SvOk -Path $service | Should -BeTrue
    }

    It 'times out with SvWaitTimeout naming the service' {
        { Wait-SvStat -Path $service -State NotSupervised -Timeout 0.2 } | Should -Throw -ErrorId 'SvWaitTimeout,Daemontools.PowerShell.WaitSvStat'
    }

    It 'sees supervise go after Exit' {
        (Invoke-Svc -Path $service -Down -Exit -Force -Wait -PassThru).State | Should -Be 'NotSupervised'
        Test-SvOk -Path $service | Should -BeFalse
    }
}
