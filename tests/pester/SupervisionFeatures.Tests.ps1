#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Pester 5 suite for the cmdlets' side of supervision beyond 0.76: Invoke-Svc's s6 signals, -Restart
# and group signals, -Wait -Ready; Get-SvStat's Ready, ReadySince, LastExitCode, LastSignal,
# LastExitTime, Failed, the extended States and -IncludeHistory (SvDeath objects); Wait-SvStat -Ready.
# Each service runs under this repository's supervise (out/Daemontools/bin); supervise, ./run and
# whatever ./run started are killed by pid (or by session, for flag-setsid services) at the end.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Support/TestSupport.psm1') -Force
    Import-Module (Get-BuiltModule) -Force
    $script:root = Join-Path ([IO.Path]::GetTempPath()) ('dt-pester-' + [guid]::NewGuid())
    $script:supervisors = [Collections.Generic.List[int]]::new()
    $script:runPids = [Collections.Generic.HashSet[int]]::new()

    function Start-TestService([string] $Name, [string] $Run, [hashtable] $Files = @{}, [switch] $Down, [string] $Finish, [string[]] $Fifo = @()) {
        $dir = Join-Path $root $Name
        New-TestService -Dir $dir -Run $Run
        foreach ($pipe in $Fifo) { mkfifo (Join-Path $dir $pipe) }
        foreach ($file in $Files.Keys) { Set-Content -Path (Join-Path $dir $file) -Value $Files[$file] -NoNewline }
        if ($Finish) { Set-Content -Path "$dir/finish" -Value "#!/bin/sh`n$Finish"; chmod 755 "$dir/finish" }
        if ($Down) { Set-Content -Path "$dir/down" -Value '' }
        $process = Start-Process -FilePath (Join-Path (Get-RepoRoot) 'out/Daemontools/bin/supervise') -ArgumentList $dir -WorkingDirectory $root -PassThru
        $script:supervisors.Add($process.Id)
        Wait-Until { Test-SvOk -Path $dir } "supervise on $Name"
        $dir
    }

    function Remember($Status) { if ($Status.ProcessId) { [void]$script:runPids.Add($Status.ProcessId) }; $Status }

    function Get-LeftProcess {
        # Live processes working under $root or in a session a remembered ./run led. .NET calls, not
        # cmdlets: a shared CI machine can have thousands of processes to look at.
        foreach ($proc in [IO.Directory]::EnumerateDirectories('/proc')) {
            $id = 0
            if (-not [int]::TryParse([IO.Path]::GetFileName($proc), [ref] $id)) { continue }
            try {
                $stat = [IO.File]::ReadAllText("$proc/stat")
                $cwd = "$([IO.FileInfo]::new("$proc/cwd").LinkTarget)"
            }
            catch { continue } # gone meanwhile
            $fields = $stat.Substring($stat.LastIndexOf(')') + 2).Split(' ')
            if ($fields[0] -ne 'Z' -and ($runPids.Contains([int]$fields[3]) -or $cwd.StartsWith($root))) { $id }
        }
    }

    function Get-LogLine([string] $Dir) { @(Get-Content -Path "$Dir/log" -ErrorAction Ignore) }

    # Writes a line into a FIFO the service blocks on (Set-Content would try to seek it).
    function Send-Line([string] $Fifo) { sh -c 'echo go > "$1"' sh $Fifo }

    # ./run of the signal service: logs each trapped signal, and is ready once its traps are set.
    $script:trapping = @'
sleep 1000 &
echo $! > child
for s in QUIT:3 USR1:10 USR2:12 WINCH:28 ABRT:6; do trap "echo ${s%:*} >> log" ${s#*:}; done
echo >&3
while :; do sleep 1 & wait $!; done
'@
    $script:signals = Start-TestService -Name signals -Run $trapping -Files @{ 'notification-fd' = "3`n"; 'flag-setsid' = '' }
    Wait-SvStat -Path $signals -Ready -Timeout 30 | ForEach-Object { Remember $_ } | Out-Null
}

AfterAll {
    foreach ($dir in Get-ChildItem -Directory $root -ErrorAction Ignore) {
        Get-SvStat -Path $dir.FullName -ErrorAction Ignore | ForEach-Object { Remember $_ } | Out-Null
    }
    foreach ($id in $supervisors) { Stop-Process -Id $id -Force -ErrorAction Ignore }
    # Then, by pid, whatever still works in the services' directories (./run, a ./finish) or in a
    # session a flag-setsid ./run led (children it left behind when it died).
    Wait-Until {
        $left = @(Get-LeftProcess)
        foreach ($id in $left) { kill -9 $id 2>$null }
        $left.Count -eq 0
    } "the processes of $root to be gone"
    Remove-Item -Recurse -Force $root -ErrorAction Ignore
}

Describe 'Invoke-Svc beyond 0.76' {
    It 'delivers <Switch> to ./run as <Signal>' -ForEach @(
        @{ Switch = 'Quit'; Signal = 'QUIT' }
        @{ Switch = 'User1'; Signal = 'USR1' }
        @{ Switch = 'User2'; Signal = 'USR2' }
        @{ Switch = 'WindowChange'; Signal = 'WINCH' }
        @{ Switch = 'Abort'; Signal = 'ABRT' }
    ) {
        $parameters = @{ Path = $signals; $Switch = $true }
        Invoke-Svc @parameters
        Wait-Until { (Get-LogLine $signals) -contains $Signal } "./run to log $Signal"
        (Get-SvStat -Path $signals).State | Should -Be 'Ready'
    }

    It 'stops and continues the whole group with -PauseGroup and -ContinueGroup' {
        $child = [int](Get-Content "$signals/child")
        $paused = Invoke-Svc -Path $signals -PauseGroup -Wait -PassThru
        $paused.Paused | Should -BeTrue
        Wait-Until { (Get-ProcessStat $child).State -eq 'T' -and (Get-ProcessStat $paused.ProcessId).State -eq 'T' } './run and its child to be stopped'
        (Invoke-Svc -Path $signals -ContinueGroup -Wait -PassThru).Paused | Should -BeFalse
        Wait-Until { (Get-ProcessStat $child).State -ne 'T' } "./run's child to continue"
    }

    It 'restarts with -Restart and waits for readiness with -Wait -Ready' {
        $before = Remember (Get-SvStat -Path $signals)
        $after = Remember (Invoke-Svc -Path $signals -Restart -Wait -Ready -Timeout 30 -PassThru)
        $after.State | Should -Be 'Ready'
        $after.Ready | Should -BeTrue
        $after.ProcessId | Should -Not -Be $before.ProcessId
        # -Restart sends the down-signal (TERM) alone; sh dies of it.
        $after.LastSignal | Should -Be 15
        $after.LastExitCode | Should -BeNullOrEmpty
    }

    It 'kills the whole group with -KillGroup, and ./run comes back' {
        $before = Remember (Get-SvStat -Path $signals)
        $child = [int](Get-Content "$signals/child")
        Invoke-Svc -Path $signals -KillGroup -Force
        Wait-Until { -not (Get-ProcessStat $child) -or (Get-ProcessStat $child).State -eq 'Z' } "./run's child to be killed"
        # The killed ./run may still show as up and ready until supervise has reaped it.
        Wait-Until { (Get-SvStat -Path $signals).ProcessId -ne $before.ProcessId } 'supervise to see ./run killed'
        $after = Remember (Wait-SvStat -Path $signals -Ready -Timeout 30)
        $after.ProcessId | Should -Not -Be $before.ProcessId
        $after.LastSignal | Should -Be 9
    }
}

Describe 'Get-SvStat and Wait-SvStat beyond 0.76' {
    It 'reports Starting until ./run writes its readiness line, then Ready since then' {
        $dir = Start-TestService -Name slow -Run "read x < trigger`necho >&3`nexec sleep 1000" -Files @{ 'notification-fd' = "3`n" } -Fifo trigger
        $starting = Remember (Wait-SvStat -Path $dir -State Starting -Timeout 30)
        $starting.Ready | Should -BeFalse
        $starting.ReadySince | Should -BeNullOrEmpty
        $starting.Extended | Should -BeTrue
        { Wait-SvStat -Path $dir -Ready -Timeout 0.3 } | Should -Throw -ErrorId 'SvWaitTimeout,Daemontools.PowerShell.WaitSvStat'

        $written = [DateTime]::UtcNow
        Send-Line "$dir/trigger"
        $ready = Wait-SvStat -Path $dir -Ready -Timeout 30
        $ready.State | Should -Be 'Ready'
        $ready.Ready | Should -BeTrue
        $ready.ReadySince | Should -BeOfType [DateTime]
        $ready.ReadySince.Kind | Should -Be 'Utc'
        $ready.ReadySince | Should -BeGreaterOrEqual $written.AddSeconds(-1)
        $ready.ReadySince | Should -BeLessOrEqual ([DateTime]::UtcNow)
    }

    It 'reports Stopping while ./run ignores the down-signal, and Finishing while ./finish runs' {
        # Ready once TERM is ignored, so -Down cannot come first.
        $dir = Start-TestService -Name slowstop -Run "trap '' TERM`necho >&3`nexec sleep 1000" -Files @{ 'notification-fd' = "3`n" } -Finish 'read x < release' -Fifo release
        Remember (Wait-SvStat -Path $dir -Ready -Timeout 30) | Out-Null
        Invoke-Svc -Path $dir -Down
        (Wait-SvStat -Path $dir -State Stopping -Timeout 30).Want | Should -Be 'Down'
        Invoke-Svc -Path $dir -Kill -Force
        $finishing = Wait-SvStat -Path $dir -State Finishing -Timeout 30
        $finishing.FinishProcessId | Should -BeGreaterThan 0
        $finishing.LastSignal | Should -Be 9
        Send-Line "$dir/release"
        (Wait-SvStat -Path $dir -State Down -Timeout 30).FinishProcessId | Should -BeNullOrEmpty
    }

    It 'reports the last exit code, a permanent failure and the death history as SvDeath objects' {
        $dir = Start-TestService -Name failing -Run "exit 3" -Files @{ 'restart-policy' = "give-up 3 60000`n"; 'max-death-tally' = "2`n" }
        Wait-Until { (Get-SvStat -Path $dir).Failed } 'the restart policy to give up'
        $status = Get-SvStat -Path $dir -IncludeHistory
        $status.State | Should -Be 'Down'
        $status.Want | Should -Be 'Down'
        $status.LastExitCode | Should -Be 3
        $status.LastSignal | Should -BeNullOrEmpty
        $status.LastExitTime | Should -BeOfType [DateTime]
        $status.Deaths | Should -Be 2
        $status.ToString() | Should -Match ', exitcode 3, failed$'
        $status.History | Should -HaveCount 2
        $status.History[0] | Should -BeOfType ([Daemontools.PowerShell.SvDeath])
        $status.History.ExitCode | Should -Be @(3, 3)
        @($status.History | Where-Object Signal) | Should -HaveCount 0
        $status.History[0].Time | Should -BeLessOrEqual $status.History[1].Time
        $status.History[1].Time | Should -Be $status.LastExitTime
        "$($status.History[1])" | Should -Match '^\d{4}-\d\d-\d\dT.* exitcode 3$'
        (Get-SvStat -Path $dir).History | Should -BeNullOrEmpty

        # -Up clears the failure: ./run starts (and dies) again.
        Invoke-Svc -Path $dir -Up
        Wait-Until { (Get-SvStat -Path $dir).LastExitTime -gt $status.LastExitTime } 'svc -u to start ./run again'
        Invoke-Svc -Path $dir -Down
    }

    It 'keeps a plain directory at 0.76: no extended properties' {
        $dir = Start-TestService -Name plain -Run 'exec sleep 1000'
        $status = Remember (Wait-SvStat -Path $dir -State Up -Timeout 30)
        $status.Extended | Should -BeFalse
        $status.StatusBytes.Length | Should -Be 18
        $status.Ready | Should -BeFalse
        $status.LastExitCode | Should -BeNullOrEmpty
        $status.Failed | Should -BeFalse
        (Get-SvStat -Path $dir -IncludeHistory).History | Should -BeNullOrEmpty
    }
}
