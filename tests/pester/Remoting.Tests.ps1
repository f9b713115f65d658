#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Pester 5 suite for remoting over a real SSH transport: a private sshd on 127.0.0.1 (a free port,
# throwaway keys, `Subsystem powershell <this pwsh> -sshs`), two PSSessions to it, and the
# module's objects coming back typed, sortable, rendered by the views and with their error ids.
# Needs openssh-server and openssh-client (.ci/run installs them); the sshd is stopped by its pid.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Support/TestSupport.psm1') -Force
    $module = Get-BuiltModule
    Import-Module $module -Force   # on the client too: the views of the Deserialized.* types

    $work = Join-Path ([IO.Path]::GetTempPath()) ('dt-ssh-' + [guid]::NewGuid())
    New-Item -ItemType Directory -Path $work | Out-Null
    chmod 700 $work
    ssh-keygen -q -t ed25519 -N '' -f "$work/host_key" | Out-Null
    ssh-keygen -q -t ed25519 -N '' -f "$work/client_key" | Out-Null
    Copy-Item "$work/client_key.pub" "$work/authorized_keys"
    chmod 600 "$work/authorized_keys"

    $listener = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
    $listener.Start()
    $port = $listener.LocalEndpoint.Port
    $listener.Stop()

    $subsystem = (@(Get-PwshCommand) + @('-sshs', '-NoLogo', '-NoProfile')) -join ' '
    @(
        "Port $port"
        'ListenAddress 127.0.0.1'
        "HostKey $work/host_key"
        "PidFile $work/sshd.pid"
        "AuthorizedKeysFile $work/authorized_keys"
        'PubkeyAuthentication yes'
        'PasswordAuthentication no'
        'KbdInteractiveAuthentication no'
        'PermitRootLogin prohibit-password'
        'UsePAM no'
        'StrictModes no'
        "Subsystem powershell $subsystem"
    ) | Set-Content "$work/sshd_config"
    # sshd refuses to start without its privilege separation directory.
    New-Item -ItemType Directory -Path /run/sshd -Force | Out-Null
    & /usr/sbin/sshd -t -f "$work/sshd_config"
    if ($LASTEXITCODE -ne 0) { throw "sshd rejects $work/sshd_config" }
    $sshd = Start-Process -FilePath /usr/sbin/sshd -ArgumentList '-D', '-e', '-f', "$work/sshd_config" -RedirectStandardError "$work/sshd.log" -PassThru
    Wait-Until {
        $client = [Net.Sockets.TcpClient]::new()
        try { $client.Connect('127.0.0.1', $port); $true } catch { $false } finally { $client.Dispose() }
    } "sshd to listen on 127.0.0.1:$port"

    $connection = @{
        HostName    = '127.0.0.1', 'localhost'
        Port        = $port
        UserName    = [Environment]::UserName
        KeyFilePath = "$work/client_key"
        Options     = @{ StrictHostKeyChecking = 'no'; UserKnownHostsFile = '/dev/null'; LogLevel = 'ERROR' }
    }
    $sessions = New-PSSession @connection -ErrorAction Stop
    Invoke-Command -Session $sessions { Import-Module $using:module } -ErrorAction Stop

    $tree = New-TestTree
    $service = Join-Path $tree 'service'
    New-TestService (Join-Path $service 'a') "echo a started`nexec sleep 1000" 'exec multilog t ./main'
    New-TestService (Join-Path $service 'b') 'exec sleep 1000'
    $scan = Start-SvScan $service -LogPath (Join-Path $tree 'svscan.log')
    $scanSession = (Get-ProcessStat $scan.ProcessId).Session
    Wait-Until { (Get-SvStat "$service/*").State -notcontains 'Down' -and (Test-Path "$service/a/log/main/current") -and (Get-Content "$service/a/log/main/current") } 'the tree to run'
    'second line', 'third line' | Write-Multilog (Join-Path $tree 'log') -Timestamp
}

AfterAll {
    if ($sessions) { Remove-PSSession $sessions }
    if ($scan) { $scan | Stop-SvScan -Timeout 30 | Out-Null }
    if ($scanSession) { Stop-Session $scanSession }
    if ($sshd) { Stop-Process -Id $sshd.Id -Force -ErrorAction Ignore; $sshd.WaitForExit() }
    Remove-Item -Recurse -Force $work, $tree -ErrorAction Ignore
}

Describe 'Remoting over SSH' {
    It 'fans out to two sessions' {
        $sessions | Should -HaveCount 2
        (Invoke-Command -Session $sessions { $PID }).PSComputerName | Sort-Object | Should -Be @('127.0.0.1', 'localhost')
    }

    It 'returns SvStat with a typed UTC Since that sorts, a Log object, and the table view' {
        $stats = Invoke-Command -Session $sessions { Get-SvStat "$using:service/*" -IncludeLog }
        $stats | Should -HaveCount 4
        $stats | ForEach-Object {
            $_.PSObject.TypeNames[0] | Should -Be 'Deserialized.Daemontools.PowerShell.SvStat'
            $_.Since | Should -BeOfType [datetime]
            $_.Since.Kind | Should -Be 'Utc'
            "$($_.State)" | Should -Be 'Up'
        }
        $sorted = $stats | Sort-Object Since
        for ($i = 1; $i -lt $sorted.Count; $i++) { $sorted[$i].Since | Should -BeGreaterOrEqual $sorted[$i - 1].Since }
        ($stats | Where-Object Name -eq 'a' | Select-Object -First 1).Log.Name | Should -Be 'a/log'
        "$(($stats | Where-Object Name -eq 'a' | Select-Object -First 1).Log.State)" | Should -Be 'Up'

        $table = $stats | Out-String
        $table | Should -Match 'Name\s+State\s+PID\s+Seconds\s+Normally\s+Want\s+Paused'
        $table | Should -Match "\bb\s+Up\s+$($stats | Where-Object Name -eq 'b' | Select-Object -First 1 -ExpandProperty ProcessId)\b"
    }

    It 'controls a service with Invoke-Svc -Wait and reports its error ids' {
        $down = Invoke-Command -Session $sessions[0] { Invoke-Svc "$using:service/b" -Down -Wait -Timeout 30 -PassThru }
        "$($down.State)" | Should -Be 'Down'
        (Get-SvStat "$service/b").State | Should -Be 'Down'
        $up = Invoke-Command -Session $sessions[1] { Invoke-Svc "$using:service/b" -Up -Wait -Timeout 30 -PassThru }
        "$($up.State)" | Should -Be 'Up'
        $up.ProcessId | Should -Be (Get-SvStat "$service/b").ProcessId

        Invoke-Command -Session $sessions { Get-SvStat "$using:service/missing" } -ErrorVariable missing -ErrorAction SilentlyContinue
        $missing | Should -HaveCount 2
        $missing | ForEach-Object { $_.FullyQualifiedErrorId | Should -Be 'ServiceDirectoryNotFound,Daemontools.PowerShell.GetSvStat' }
        { Invoke-Command -Session $sessions[0] { Wait-SvStat "$using:service/b" -State Down -Timeout 0.3 } -ErrorAction Stop } |
            Should -Throw -ErrorId 'SvWaitTimeout,Daemontools.PowerShell.WaitSvStat'
    }

    It 'returns multilog entries with typed UTC timestamps, sorted newest first, in the table view' {
        $entries = Invoke-Command -Session $sessions { Get-MultilogEntry (Join-Path $using:tree 'log') }
        $entries | Should -HaveCount 4
        $entries | ForEach-Object {
            $_.PSObject.TypeNames[0] | Should -Be 'Deserialized.Daemontools.PowerShell.MultilogEntry'
            $_.Timestamp | Should -BeOfType [datetime]
            $_.Timestamp.Kind | Should -Be 'Utc'
        }
        ($entries | Sort-Object Timestamp, Message -Descending | Select-Object -First 1).Message | Should -Be 'third line'
        $table = $entries | Format-Table | Out-String
        $table | Should -Match 'Timestamp\s+File\s+Message'
        $table | Should -Match '\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}\s+current\s+second line'

        $stamped = Invoke-Command -Session $sessions[0] { Get-Content "$using:service/a/log/main/current" | ConvertFrom-Tai64N }
        $stamped[0].Timestamp | Should -BeOfType [datetime]
        $stamped[0].Message | Should -Be 'a started'
    }

    It 'keeps instants typed on a client without the module' {
        # A new pwsh that never imports the module: CliXml alone brings the DateTime values.
        $options = ($connection.Options.GetEnumerator() | ForEach-Object { "$($_.Key) = '$($_.Value)'" }) -join '; '
        $command = @"
`$ErrorActionPreference = 'Stop'
`$session = New-PSSession -HostName 127.0.0.1 -Port $port -UserName '$($connection.UserName)' -KeyFilePath '$($connection.KeyFilePath)' -Options @{ $options }
try {
    Invoke-Command -Session `$session { Import-Module '$module' }
    `$stats = Invoke-Command -Session `$session { Get-SvStat '$service/*' } | Sort-Object Since
    `$entries = Invoke-Command -Session `$session { Get-MultilogEntry '$tree/log' } | Sort-Object Timestamp -Descending
    [ordered]@{
        Loaded     = [bool](Get-Module Daemontools)
        SinceTypes = @(`$stats | ForEach-Object { `$_.Since.GetType().FullName } | Select-Object -Unique)
        Sorted     = @(`$stats | ForEach-Object { `$_.Since.Ticks })
        StampTypes = @(`$entries | ForEach-Object { `$_.Timestamp.GetType().FullName } | Select-Object -Unique)
        Newest     = `$entries[0].Message
    } | ConvertTo-Json -Compress
}
finally { Remove-PSSession `$session }
"@
        $ran = Invoke-TestPwsh -Command $command
        $ran.ExitCode | Should -Be 0 -Because $ran.Error
        $report = ($ran.Output -split "`n" | Where-Object { $_.StartsWith('{') } | Select-Object -Last 1) | ConvertFrom-Json
        $report.Loaded | Should -BeFalse
        $report.SinceTypes | Should -Be @('System.DateTime')
        $report.Sorted | Should -Be @($report.Sorted | Sort-Object)
        $report.Sorted.Count | Should -Be 2
        $report.StampTypes | Should -Be @('System.DateTime')
        $report.Newest | Should -Be 'third line'
    }
}
